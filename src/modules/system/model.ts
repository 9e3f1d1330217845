/** What the database says about itself; `version` is added by the resolver. */
export interface ServerInfoModel {
  neo4jVersion: string;
  neo4jEdition: string;
  nodeCount: number;
}
