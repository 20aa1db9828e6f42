import { describe, expect, it } from 'vitest';
import { formatByteSize } from './byteSize';

describe('formatByteSize', () => {
  it('picks the unit a file manager would', () => {
    expect([512, 3_500, 16 * 1024 * 1024, 1.25 * 1024 ** 3].map(formatByteSize)).toEqual(['512 B', '3.4 KB', '16.0 MB', '1.25 GB']);
  });
});
