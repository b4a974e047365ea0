declare interface IReportUiStrings {
  SectionTitle: string;
  Intro: string;
  ExportReport: string;
  CopySummary: string;
  Exported: string;
  Copied: string;
  CopyManual: string;
  CopyManualLabel: string;
}

declare module 'ReportUiStrings' {
  const strings: IReportUiStrings;
  export = strings;
}
