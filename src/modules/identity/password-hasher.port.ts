/** Password hashing behind a port, so the cost parameters live in one adapter and tests may lower them. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of one verification on a fixed hash, so unknown accounts answer as slowly as known ones. */
  verifyDummy(password: string): Promise<void>;
}
