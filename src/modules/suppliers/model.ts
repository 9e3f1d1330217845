import type { Connection } from '../shared/pagination.js';
import type { ImplementationStatus } from '../../generated/resolvers.js';

export interface SupplierModel {
  id: string;
  name: string;
  sourceId: string;
}

export interface ProductModel {
  id: string;
  name: string;
  sourceId: string;
}

export interface ImplementationModel {
  id: string;
  status: ImplementationStatus;
  year: number | null;
  goLiveDate: string | null;
  notes: string | null;
  sourceId: string;
}

export type ImplementationConnectionModel = Connection<ImplementationModel>;

/** An implementation with its product and the product's supplier, as lists of a trust's implementations show it. */
export interface ImplementationWithProduct {
  implementation: ImplementationModel;
  product: ProductModel | null;
  supplier: SupplierModel | null;
}
