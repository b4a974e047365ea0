declare interface IMigrationReadinessWebPartStrings {
  PropertyPaneDescription: string;
  ConnectorGroupName: string;
  ConnectorDisplayNameLabel: string;
  ConnectorDisplayNameDescription: string;
  ConnectorAppIdLabel: string;
  ConnectorAppIdDescription: string;
  RequiredScopesLabel: string;
  RequiredScopesDescription: string;
}

declare module 'MigrationReadinessWebPartStrings' {
  const strings: IMigrationReadinessWebPartStrings;
  export = strings;
}
