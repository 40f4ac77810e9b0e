export { DEPENDENCY_CHECKS, type DependencyCheck } from './dependency-check';
export { HealthModule } from './health.module';
