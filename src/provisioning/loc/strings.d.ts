declare interface IProvisioningStrings {
  ProgressReading: string;
  ProgressReadingEstimated: string;
  ProgressPerUser: string;
  PerUserNotice: string;
  PerUserMissingResult: string;
  PagingLoopMessage: string;
  PagingNoProgressMessage: string;
  PagingCeilingUsersMessage: string;
  PagingCeilingSitesMessage: string;
  OwnerlessSitesNotice: string;
  MissingIdMessage: string;
  PerUserNoticeNoAnswer: string;
  MissingUpnMessage: string;
  ScanFailed: string;
  ScanCancelled: string;
  LogEntryFailureDetail: string;
  LogWarningList: string;
  LogWarningBrowser: string;
  LeaseWarning: string;
  LicenseSharePoint: string;
  LicenseOneDrive: string;
  StateNotProvisioned: string;
  StateRequested: string;
  StateRequestedOverdue: string;
  StateProvisioned: string;
  CsvDisplayName: string;
  CsvUserPrincipalName: string;
  CsvEmail: string;
  CsvDepartment: string;
  CsvLicense: string;
  CsvState: string;
  CsvRequestedAt: string;
  ScriptHeaderWhat: string;
  ScriptHeaderGenerated: string;
  ScriptHeaderQueued: string;
  ScriptHeaderWho: string;
  ScriptHeaderModule: string;
  ScriptHeaderSkipped: string;
  ScriptHeaderGeos: string;
  ScriptHeaderGeoUnknownDefault: string;
  ScriptGeoGroup: string;
  ScriptDefaultGeoGroup: string;
  ScriptBatchLabel: string;
  ScriptBatchFailed: string;
  ScriptSomeFailed: string;
  ScriptDone: string;
}

declare module 'ProvisioningStrings' {
  const strings: IProvisioningStrings;
  export = strings;
}
