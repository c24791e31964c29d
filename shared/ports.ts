/** Small interfaces the domain and handlers depend on; adapters in shared/adapters implement them. */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in Europe/Stockholm, `YYYY-MM-DD`. */
  today(): string;
}
