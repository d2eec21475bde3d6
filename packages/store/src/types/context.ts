// What a collection value needs from its store: the live thresholds and the random source.
import type { StoreConfig } from '../config';

export interface TypeContext {
  readonly config: StoreConfig;
  readonly random: () => number;
}
