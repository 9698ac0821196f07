// `pyinfra-kit get` over @local, interrupted at random points (test/support/interruptedGet.ts).
import { describe } from 'node:test';
import { bigFile, interruptGets } from '../../support/interruptedGet';

describe('pyinfra-kit get over @local, interrupted', () => {
  const big = bigFile();
  interruptGets(() => '@local', () => [], big);
});
