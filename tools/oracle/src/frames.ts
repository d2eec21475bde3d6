// Finds where one RESP2/RESP3 frame ends, without decoding it: the harness compares raw bytes,
// so it only needs frame boundaries, not values.

const CR = 13;

/** Index just past the frame starting at `start`, or -1 if the buffer holds only part of it. */
export function respFrameEnd(buf: Buffer, start: number): number {
  const lineEnd = buf.indexOf('\r\n', start);
  if (lineEnd < 0 || start >= buf.length) return -1;
  const type = String.fromCharCode(buf[start]);
  const header = buf.toString('latin1', start + 1, lineEnd);
  let next = lineEnd + 2;
  switch (type) {
    case '$':
    case '!':
    case '=': {
      if (header === '?') return streamedStringEnd(buf, next);
      const len = Number(header);
      if (len < 0) return next;
      const end = next + len + 2;
      if (end > buf.length) return -1;
      return buf[end - 2] === CR ? end : -1;
    }
    case '*':
    case '~':
    case '>':
    case '%':
    case '|': {
      if (header === '?') return streamedAggregateEnd(buf, next);
      let count = Number(header);
      if (count < 0) return next;
      if (type === '%' || type === '|') count *= 2;
      for (let i = 0; i < count; i++) {
        next = respFrameEnd(buf, next);
        if (next < 0) return -1;
      }
      // An attribute is followed by the reply it annotates.
      return type === '|' ? respFrameEnd(buf, next) : next;
    }
    default:
      // + - : _ , # ( and inline text: one line.
      return next;
  }
}

function streamedStringEnd(buf: Buffer, pos: number): number {
  for (;;) {
    const lineEnd = buf.indexOf('\r\n', pos);
    if (lineEnd < 0) return -1;
    const len = Number(buf.toString('latin1', pos + 1, lineEnd));
    pos = lineEnd + 2;
    if (len === 0) return pos;
    pos += len + 2;
    if (pos > buf.length) return -1;
  }
}

function streamedAggregateEnd(buf: Buffer, pos: number): number {
  for (;;) {
    if (pos >= buf.length) return -1;
    if (buf[pos] === 0x2e /* . */) {
      const lineEnd = buf.indexOf('\r\n', pos);
      return lineEnd < 0 ? -1 : lineEnd + 2;
    }
    pos = respFrameEnd(buf, pos);
    if (pos < 0) return -1;
  }
}
