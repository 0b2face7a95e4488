/** Delivers appended events (webhooks); woken after every write so delivery starts at once. */
export interface EventDelivery {
  wake(): void;
  stop(): Promise<void>;
}

export const NO_DELIVERY: EventDelivery = { wake() {}, stop: async () => {} };
