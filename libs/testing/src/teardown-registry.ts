// Jest runs the global setup and teardown in its parent process but may load them as
// separate module instances, so the cleanup travels on globalThis.
const KEY = Symbol.for('ediary.test-infra.teardown');

type Holder = { [KEY]?: () => Promise<void> };

export function setTeardown(teardown: () => Promise<void>): void {
  (globalThis as Holder)[KEY] = teardown;
}

export async function runTeardown(): Promise<void> {
  const holder = globalThis as Holder;
  const teardown = holder[KEY];
  delete holder[KEY];
  await teardown?.();
}
