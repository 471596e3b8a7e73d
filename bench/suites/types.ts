export interface SuiteOptions {
  /** Tiny sizes: checks that the suite runs and prints its shape, measures nothing meaningful. */
  smoke: boolean;
  /** Progress to stderr (stdout carries only the JSON result). */
  log(message: string): void;
}

export interface BenchSuite {
  name: string;
  description: string;
  run(options: SuiteOptions): Promise<Record<string, unknown>>;
}

/** Throughput and latency of one load run, as every HTTP suite reports them. */
export interface LoadFigures {
  requests: number;
  errors: number;
  non2xx: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}
