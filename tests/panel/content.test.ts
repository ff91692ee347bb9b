import { describe, expect, it } from 'vitest';
import { normaliseContent } from '../../panel/content';

describe('normaliseContent', () => {
  it('reads Chrome’s native promise shape {content, encoding}', () => {
    expect(normaliseContent({ content: '{"a":1}', encoding: '' })).toEqual({ body: '{"a":1}' });
    expect(normaliseContent({ content: 'eyJhIjoxfQ==', encoding: 'base64' })).toEqual({
      body: 'eyJhIjoxfQ==',
      encoding: 'base64',
    });
  });

  it('reads the polyfill’s and the callback’s [content, encoding]', () => {
    expect(normaliseContent(['{"a":1}', ''])).toEqual({ body: '{"a":1}' });
    expect(normaliseContent(['eyJhIjoxfQ==', 'base64'])).toEqual({
      body: 'eyJhIjoxfQ==',
      encoding: 'base64',
    });
  });

  it('reads Firefox’s [content, mimeType] as text', () => {
    expect(normaliseContent(['{"a":1}', 'application/json'])).toEqual({ body: '{"a":1}' });
  });

  it('is null when there is no body', () => {
    for (const nothing of [undefined, null, '', [], [null, ''], ['', 'base64'], { content: null }, 42]) {
      expect(normaliseContent(nothing)).toBeNull();
    }
  });
});
