import { describe, expect, it } from 'vitest';
import { firstMixedLineEnding } from './lineEndings';

describe('firstMixedLineEnding', () => {
  it('names the first line that ends otherwise than the first', () => {
    expect(firstMixedLineEnding('a,b\n1,2\r\n3,4\n')).toEqual({ line: 2, ending: 'CRLF', usual: 'LF' });
    expect(firstMixedLineEnding('a,b\r\n1,2\r\n3,4\n5\r\n')).toEqual({ line: 3, ending: 'LF', usual: 'CRLF' });
    expect(firstMixedLineEnding('a\rb\nc')).toEqual({ line: 2, ending: 'LF', usual: 'CR' });
  });

  it('is null when every line ends the same way', () => {
    expect(firstMixedLineEnding('a,b\r\n1,2\r\n')).toBeNull();
    expect(firstMixedLineEnding('a,b\n1,2')).toBeNull();
    expect(firstMixedLineEnding('')).toBeNull();
  });
});
