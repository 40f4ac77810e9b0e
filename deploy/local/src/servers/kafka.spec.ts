import { randomClusterId } from './kafka';

describe('randomClusterId', () => {
  it('draws again when the id starts with a dash', () => {
    // 0xf8 encodes to "-" as the first URL-safe base64 character; zero bytes encode to "A".
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0)];
    const id = randomClusterId(() => draws.shift() ?? Buffer.alloc(16, 1));

    expect(id).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(draws).toHaveLength(0);
  });

  it('returns 22 URL-safe base64 characters', () => {
    const id = randomClusterId();

    expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
