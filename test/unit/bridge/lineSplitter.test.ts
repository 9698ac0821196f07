import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSplitter } from '../../../src/core/bridge/wire';

describe('LineSplitter', () => {
  it('returns whole lines only, keeping a partial line for the next chunk', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.push('{"a":1}\n{"b"'), ['{"a":1}']);
    assert.deepEqual(splitter.push(':2}\n\n  \n{"c":3'), ['{"b":2}']);
    assert.deepEqual(splitter.push('}\n'), ['{"c":3}']);
    assert.deepEqual(splitter.push(''), []);
  });

  it('joins a line that spans many chunks exactly once it ends', () => {
    const splitter = new LineSplitter();
    const line = JSON.stringify({ hosts: Array.from({ length: 20000 }, (_, i) => `host-${i}`) });
    const pieces: string[][] = [];
    for (let at = 0; at < line.length; at += 4096) pieces.push(splitter.push(line.slice(at, at + 4096)));
    assert.ok(pieces.every((p) => p.length === 0), 'nothing before the newline');
    assert.deepEqual(splitter.push('\nnext'), [line]);
    assert.deepEqual(splitter.push('\n'), ['next']);
  });

  it('gives the last line of an ended stream even without its newline, once', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.push('whole\nthe la'), ['whole']);
    assert.deepEqual(splitter.push('st'), []);
    assert.deepEqual(splitter.end(), ['the last']);
    assert.deepEqual(splitter.end(), []);
    splitter.push('  ');
    assert.deepEqual(splitter.end(), [], 'a blank rest is no line');
  });
});
