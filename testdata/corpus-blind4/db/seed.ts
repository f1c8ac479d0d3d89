import { db } from './client';

async function main() {
  await db.integration.createMany({
    data: [
      { provider: 'amplitude', workspaceId: 1, apiKey: '90425ec32efa1d2720c195761e094e9e', secretKey: null },
      { provider: 'segment', workspaceId: 1, writeKey: 'xmN7rW1XcPzJ7crf4772SCmpQsrF6NfU' },
    ],
  });
}

main().finally(() => db.$disconnect());
