/** Where a command id was used: the commit it appended. */
export interface RecordedCommand {
  readonly subject: string;
  readonly commandHash: string;
  readonly position: number;
}

/**
 * Every command id a service's commands appended, kept for ever (docs/mission/ARCHITECTURE.md §8: the same id with other
 * content is a conflict at any time, whatever record it targets). JetStream's dedupe window remembers
 * ids for minutes; this remembers the rest. `@cnscd/read-model` keeps one in each service's database.
 */
export interface CommandIds {
  /** The command recorded under this id in the commune, if any; throws when it cannot tell yet. */
  find(commune: string, commandId: string): Promise<RecordedCommand | undefined>;
  /** Remembers a command just appended (best effort: the index also follows the stream). */
  remember(commune: string, commandId: string, command: RecordedCommand): void;
}
