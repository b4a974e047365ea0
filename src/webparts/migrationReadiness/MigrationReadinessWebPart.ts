import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { type IPropertyPaneConfiguration, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import type { IReadonlyTheme } from '@microsoft/sp-component-base';
import type { PartialTheme } from '@fluentui/react/lib/Theme';
import * as strings from 'MigrationReadinessWebPartStrings';
import { ReadinessController } from '../../app/controller';
import { loadSkuNames } from '../../common/licensing';
import { createSpfxClients } from '../../tenant/clients';
import { createTenantPorts } from '../../tenant/tenantPorts';
import { App } from '../../ui/App';
import { browserHost } from '../../ui/host';
import { teamsTheme, type TeamsThemeName } from '../../ui/themes';
import { connectorSettingsFrom, type MigrationReadinessWebPartProps } from './settings';
import { subscriptionsAfter } from './skuNamesFirst';

/**
 * Composition root in SharePoint and Teams: reads the context and the properties, builds the adapters and renders.
 * No logic lives here.
 */
export default class MigrationReadinessWebPart extends BaseClientSideWebPart<MigrationReadinessWebPartProps> {
  private controller: ReadinessController | undefined;
  private theme: PartialTheme | undefined;

  public render(): void {
    if (!this.controller) {
      return;
    }
    ReactDom.render(React.createElement(App, { controller: this.controller, host: browserHost, ...(this.theme ? { theme: this.theme } : {}) }), this.domElement);
  }

  protected async onInit(): Promise<void> {
    await super.onInit();
    const tenant = createTenantPorts(createSpfxClients(this.context), window.localStorage);
    // The SKU names are a chunk of their own (docs/bundle.md): the subscriptions are evaluated once they are in.
    const ports = { ...tenant, directory: subscriptionsAfter(tenant.directory, loadSkuNames) };
    this.controller = new ReadinessController({ ports }, connectorSettingsFrom(this.properties));
    const teams = this.context.sdks.microsoftTeams;
    if (teams) {
      // Teams: follow its theme (default / dark / contrast) through the SPFx-provided Teams SDK, never our own copy.
      // If Teams does not answer, the pane still opens in the default theme.
      try {
        const context = await teams.teamsJs.app.getContext();
        this.theme = teamsTheme(context.app.theme as TeamsThemeName);
        teams.teamsJs.app.registerOnThemeChangeHandler((name: string) => {
          this.theme = teamsTheme(name as TeamsThemeName);
          this.render();
        });
      } catch {
        this.theme = teamsTheme('default');
      }
    }
    void this.controller.start();
  }

  protected onThemeChanged(currentTheme: IReadonlyTheme | undefined): void {
    // SharePoint: the section's theme (variants included). In Teams the Teams theme wins.
    if (currentTheme && !this.context.sdks.microsoftTeams) {
      this.theme = currentTheme as PartialTheme;
      this.render();
    }
  }

  protected onPropertyPaneFieldChanged(): void {
    if (this.controller) {
      void this.controller.setConnector(connectorSettingsFrom(this.properties));
    }
  }

  protected onDispose(): void {
    ReactDom.unmountComponentAtNode(this.domElement);
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }

  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return {
      pages: [
        {
          header: { description: strings.PropertyPaneDescription },
          groups: [
            {
              groupName: strings.ConnectorGroupName,
              groupFields: [
                PropertyPaneTextField('connectorDisplayName', { label: strings.ConnectorDisplayNameLabel, description: strings.ConnectorDisplayNameDescription }),
                PropertyPaneTextField('connectorAppId', { label: strings.ConnectorAppIdLabel, description: strings.ConnectorAppIdDescription }),
                PropertyPaneTextField('requiredScopes', { label: strings.RequiredScopesLabel, description: strings.RequiredScopesDescription, multiline: true, rows: 4 }),
              ],
            },
          ],
        },
      ],
    };
  }
}
