declare interface IAppStrings {
  AppTitle: string;
  AppSubtitle: string;
  DemoBanner: string;
  Recheck: string;
  RecheckAriaLabel: string;
  Checking: string;
  SummaryReady: string;
  SummaryReadyDetail: string;
  SummaryBlockingOne: string;
  SummaryBlockingMany: string;
  SummaryDetail: string;
  SummaryNotReady: string;
  SectionChecks: string;
  SectionGuide: string;
  SectionUsers: string;
  SectionTroubleshooting: string;
  NavLabel: string;
  StatusPass: string;
  StatusWarn: string;
  StatusFail: string;
  StatusUnknown: string;
  StatusRunning: string;
  Evidence: string;
  NextStep: string;
  Who: string;
  WhoGlobalAdmin: string;
  WhoSharePointAdmin: string;
  WhoAnyAdmin: string;
  OpensInNewWindow: string;
  ConsentTableCaption: string;
  ConsentScope: string;
  ConsentAllows: string;
  ConsentRequired: string;
  ConsentTenantWide: string;
  ConsentPerUser: string;
  Yes: string;
  No: string;
  GuideIntro: string;
  GuideDone: string;
  GuideTodo: string;
  GuideBlocked: string;
  GuideStep: string;
  CopyForGlobalAdmin: string;
  Copied: string;
  CopyFailed: string;
  ForwardHeading: string;
  TroubleshootingIntro: string;
  ChecksLoadingLabel: string;
}

declare module 'AppStrings' {
  const strings: IAppStrings;
  export = strings;
}
