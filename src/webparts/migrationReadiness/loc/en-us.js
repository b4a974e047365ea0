define([], function () {
  return {
    "PropertyPaneDescription": "Which migration connector to check. Leave empty for the Office 365 Mover defaults.",
    "ConnectorGroupName": "Connector",
    "ConnectorDisplayNameLabel": "Connector enterprise app name",
    "ConnectorDisplayNameDescription": "Display name of the connector's enterprise app in Entra ID (default: Office 365 Mover). Used when no app id is set.",
    "ConnectorAppIdLabel": "Connector application (client) id",
    "ConnectorAppIdDescription": "Optional. When set, the app is found by this id instead of its name.",
    "RequiredScopesLabel": "Required delegated permissions",
    "RequiredScopesDescription": "One per line as <resource>/<scope>, e.g. SharePoint/AllSites.Manage. Empty: the connector's documented permissions."
  };
});
