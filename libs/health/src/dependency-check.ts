/** One dependency a service needs to do its work, checked by GET /health. */
export interface DependencyCheck {
  /** Key in the /health reply, e.g. "kafka". */
  readonly name: string;
  /** Resolves when the dependency responds, and rejects with the reason otherwise. */
  check(): Promise<void>;
}

export const DEPENDENCY_CHECKS = Symbol('DEPENDENCY_CHECKS');
