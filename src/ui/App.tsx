import * as React from 'react';
import { PrimaryButton } from '@fluentui/react/lib/Button';
import { Link } from '@fluentui/react/lib/Link';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { ThemeProvider, type PartialTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'AppStrings';
import { format } from '../common/format';
import type { ReadinessController } from '../app/controller';
import { buildGuide, forwardMessageForGlobalAdmin } from '../readiness/guide';
import type { HostServices } from './host';
import { AuthorizationGuide } from './readiness/AuthorizationGuide';
import { ChecksSection } from './readiness/ChecksSection';
import { Summary } from './readiness/Summary';
import { LazyConnectionReport, LazyTroubleshooting } from './lazy/LazyDiagnostics';
import { LazyUsersPanel } from './lazy/LazyUsersPanel';
import { useControllerState } from './useControllerState';
import * as reportStrings from 'ReportUiStrings';
import { LazyReportSection } from './lazy/LazyReport';
import * as migrationStrings from 'MigrationListUiStrings';
import { LazyMigrationListSection } from './lazy/LazyMigrationList';

export interface AppProps {
  controller: ReadinessController;
  host: HostServices;
  theme?: PartialTheme;
  /** Set in the demo preview: the scenario shown, for the banner. */
  demoScenario?: string;
}

const page = mergeStyles({ padding: 16, maxWidth: 1200, margin: '0 auto', fontSize: 14 });
const section = mergeStyles({ marginTop: 24 });

export function App(props: AppProps): JSX.Element {
  const { controller } = props;
  const state = useControllerState(controller);
  const facts = state.facts;
  const guide = React.useMemo(() => (facts && !state.gathering ? buildGuide(facts, state.results) : []), [facts, state.gathering, state.results]);
  const adminRole = state.results.filter((r) => r.id === 'admin-role')[0];
  // A SharePoint admin forwards steps 6–9 to a Global admin while any of them is still open.
  const globalAdminStepsOpen = guide.some((step) => step.who === 'global-admin' && step.state !== 'done');
  const forward = facts && adminRole && adminRole.status === 'warn' && globalAdminStepsOpen ? forwardMessageForGlobalAdmin(facts) : undefined;

  return (
    <ThemeProvider theme={props.theme} applyTo="element">
      <main className={page} aria-labelledby="mr-title">
        {props.demoScenario && (
          <MessageBar messageBarType={MessageBarType.info} isMultiline data-testid="demo-banner">
            {format(strings.DemoBanner, props.demoScenario)}
          </MessageBar>
        )}
        <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginTop: 8 }}>
          <div>
            <h1 id="mr-title" style={{ margin: 0, fontSize: 24 }}>
              {strings.AppTitle}
            </h1>
            <p style={{ margin: '4px 0 0' }}>{format(strings.AppSubtitle, state.connector.displayName)}</p>
          </div>
          <PrimaryButton text={strings.Recheck} ariaLabel={strings.RecheckAriaLabel} disabled={state.gathering} onClick={() => {
              void controller.recheck();
            }} />
        </header>
        <nav aria-label={strings.NavLabel} style={{ marginTop: 12 }}>
          <Link href="#mr-checks">{strings.SectionChecks}</Link> · <Link href="#mr-guide">{strings.SectionGuide}</Link> · <Link href="#mr-users">{strings.SectionUsers}</Link> ·{' '}
          <Link href="#mr-migration">{migrationStrings.SectionTitle}</Link> · <Link href="#mr-report">{reportStrings.SectionTitle}</Link> ·{' '}
          <Link href="#mr-troubleshooting">{strings.SectionTroubleshooting}</Link> · <Link href="#mr-connection">{strings.SectionConnection}</Link>
        </nav>
        <div style={{ marginTop: 12 }}>
          <Summary results={state.results} gathering={state.gathering} />
        </div>
        <section id="mr-report" className={section} aria-labelledby="mr-report-title">
          <h2 id="mr-report-title">{reportStrings.SectionTitle}</h2>
          <LazyReportSection host={props.host} state={state} guide={guide} />
        </section>
        <section id="mr-checks" className={section} aria-labelledby="mr-checks-title">
          <h2 id="mr-checks-title">{strings.SectionChecks}</h2>
          <ChecksSection results={state.results} gathering={state.gathering || !facts} {...(state.wait ? { wait: state.wait } : {})} />
        </section>
        <section id="mr-guide" className={section} aria-labelledby="mr-guide-title">
          <h2 id="mr-guide-title">{strings.SectionGuide}</h2>
          <AuthorizationGuide steps={guide} copyText={props.host.copyText} {...(forward ? { forwardMessage: forward } : {})} />
        </section>
        <section id="mr-users" className={section} aria-labelledby="mr-users-title">
          <h2 id="mr-users-title">{strings.SectionUsers}</h2>
          <LazyUsersPanel
            scan={state.scan}
            rows={state.rows}
            log={state.log}
            request={state.request}
            adminUrl={state.adminUrl}
            onRequest={(emails) => {
              void controller.requestProvisioning(emails);
            }}
            onRetryFailed={() => {
              void controller.retryFailed();
            }}
            onCancelRequest={() => controller.cancelRequest()}
            onRescan={() => {
              void controller.rescan();
            }}
            onCancelScan={() => controller.cancelScan()}
            onResumeScan={() => {
              void controller.resumeScan();
            }}
            onDownload={props.host.download}
          />
        </section>
        <section id="mr-migration" className={section} aria-labelledby="mr-migration-title">
          <h2 id="mr-migration-title">{migrationStrings.SectionTitle}</h2>
          <LazyMigrationListSection
            controller={controller}
            host={props.host}
            view={state.migrationList}
            requestRunning={state.request.running}
            adminUrl={state.adminUrl}
            {...(state.scan.result ? { scanResult: state.scan.result } : {})}
          />
        </section>
        <section id="mr-connection" className={section} aria-labelledby="mr-connection-title">
          <h2 id="mr-connection-title">{strings.SectionConnection}</h2>
          <LazyConnectionReport state={state} copyText={props.host.copyText} now={() => new Date().toISOString()} />
        </section>
        <section id="mr-troubleshooting" className={section} aria-labelledby="mr-troubleshooting-title">
          <h2 id="mr-troubleshooting-title">{strings.SectionTroubleshooting}</h2>
          <LazyTroubleshooting facts={facts} gathering={state.gathering} results={state.results} />
        </section>
      </main>
    </ThemeProvider>
  );
}
