export async function startBot(_options: { corpusDir: string }): Promise<void> {
  throw new Error('not yet');
}
