// WebSocket text-frame headers the hub writes itself (RFC 6455 §5.2: FIN + opcode 1, then the payload length
// in 7 bits, 7+16 bits or 7+64 bits), compared with the byte layouts written out by hand.
import { strict as assert } from 'assert';
import { textFrameHeader } from '../../../tools/local-exchange/hub';

const bytes = (header: string) => [...Buffer.from(header, 'latin1')];

describe('text frame header', () => {
  it('uses the 7-bit length up to 125 bytes', () => {
    assert.deepEqual(bytes(textFrameHeader(0)), [0x81, 0]);
    assert.deepEqual(bytes(textFrameHeader(125)), [0x81, 125]);
  });

  it('uses 126 + a 16-bit big-endian length from 126 to 65535 bytes', () => {
    assert.deepEqual(bytes(textFrameHeader(126)), [0x81, 126, 0, 126]);
    assert.deepEqual(bytes(textFrameHeader(300)), [0x81, 126, 1, 44]);
    assert.deepEqual(bytes(textFrameHeader(65535)), [0x81, 126, 255, 255]);
  });

  it('uses 127 + a 64-bit big-endian length from 65536 bytes', () => {
    assert.deepEqual(bytes(textFrameHeader(65536)), [0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
    assert.deepEqual(bytes(textFrameHeader(2 ** 32 + 5)), [0x81, 127, 0, 0, 0, 1, 0, 0, 0, 5]);
  });
});
