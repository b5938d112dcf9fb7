// The shape every command family returns: command id → handler (the registrar wraps each one).

export type CommandHandler = (...args: unknown[]) => unknown;
export type CommandTable = [id: string, run: CommandHandler][];
