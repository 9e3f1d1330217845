import type { Connection } from '../shared/pagination.js';
import type { EprStatus, Region, TrustType } from '../../generated/resolvers.js';

export interface TrustModel {
  odsCode: string;
  name: string;
  type: TrustType;
  region: Region;
  icbCode: string | null;
  icbName: string | null;
  sourceId: string;
  typeSourceId: string;
  eprStatus: EprStatus;
  interviewed: boolean;
}

export type TrustConnectionModel = Connection<TrustModel>;
