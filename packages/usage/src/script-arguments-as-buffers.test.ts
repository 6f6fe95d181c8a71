import { Command } from 'ioredis';
import { describe, expect, it } from 'vitest';
import {
  largeScriptArgumentLength,
  sendLargeScriptArgumentsAsBuffers,
} from './script-arguments-as-buffers.js';

describe('sendLargeScriptArgumentsAsBuffers', () => {
  const large = '{"endUser":"Zoë 🚀","pad":"' + 'x'.repeat(largeScriptArgumentLength) + '"}';

  it('turns long EVAL/EVALSHA string arguments into their UTF-8 bytes and leaves the rest', () => {
    sendLargeScriptArgumentsAsBuffers();
    sendLargeScriptArgumentsAsBuffers();
    for (const name of ['eval', 'evalsha']) {
      const command = new Command(name, ['script-or-sha', 1, 'key', large, 'short']);
      const [scriptOrSha, keyCount, key, payload, short] = command.args;
      expect([scriptOrSha, keyCount, key, short]).toEqual(['script-or-sha', '1', 'key', 'short']);
      expect(Buffer.isBuffer(payload)).toBe(true);
      expect((payload as Buffer).toString('utf8')).toBe(large);
    }
  });

  it('does not touch other commands', () => {
    sendLargeScriptArgumentsAsBuffers();
    expect(new Command('set', ['key', large]).args[1]).toBe(large);
  });
});
