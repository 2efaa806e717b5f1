// Where the board server reports; console by default, something quieter in tests.
export type Logger = Pick<Console, 'info' | 'warn' | 'error'>;
