/**
 * A hello-world SPFx React web part, written by hand: the Yeoman generator (@microsoft/generator-sharepoint) is not
 * installed here, and the npm registry has no 1.23 release of it. The files follow the generator's 1.22.2 "React"
 * web part template (component, props, SCSS module, web part class with the environment message and theme colours,
 * loc strings, manifest) and its gulp solution template (gulpfile, config, tsconfig), with one change: the template's
 * two welcome PNGs are left out (images are emitted as files, not scripts, so the scripts barely change). The bench
 * builds it with this project's installed SPFx packages (node_modules linked), with the same command as the project.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const HELLO_BUNDLE = 'hello-world-web-part';

/** The hello world's files, by path relative to its folder. `versions` are the project's installed SPFx packages. */
export function helloWorldFiles(versions: { spfx: string; react: string; fluent: string; tslib: string }): Record<string, string> {
  const json = (value: unknown): string => JSON.stringify(value, undefined, 2) + '\n';
  return {
    'package.json': json({
      name: 'hello-world',
      version: '0.0.1',
      private: true,
      main: 'lib/index.js',
      dependencies: {
        '@fluentui/react': versions.fluent,
        '@microsoft/sp-component-base': versions.spfx,
        '@microsoft/sp-core-library': versions.spfx,
        '@microsoft/sp-lodash-subset': versions.spfx,
        '@microsoft/sp-office-ui-fabric-core': versions.spfx,
        '@microsoft/sp-property-pane': versions.spfx,
        '@microsoft/sp-webpart-base': versions.spfx,
        react: versions.react,
        'react-dom': versions.react,
        tslib: versions.tslib,
      },
    }),
    'gulpfile.js': `'use strict';

const build = require('@microsoft/sp-build-web');

build.addSuppression(\`Warning - [sass] The local CSS class 'ms-Grid' is not camelCase and will not be type-safe.\`);

var getTasks = build.rig.getTasks;
build.rig.getTasks = function () {
  var result = getTasks.call(build.rig);

  result.set('serve', result.get('serve-deprecated'));

  return result;
};

build.initialize(require('gulp'));
`,
    'tsconfig.json': json({
      extends: './node_modules/@microsoft/rush-stack-compiler-5.3/includes/tsconfig-web.json',
      compilerOptions: {
        target: 'es5',
        forceConsistentCasingInFileNames: true,
        module: 'esnext',
        moduleResolution: 'node',
        jsx: 'react',
        declaration: true,
        sourceMap: true,
        experimentalDecorators: true,
        skipLibCheck: true,
        outDir: 'lib',
        inlineSources: false,
        noImplicitAny: true,
        typeRoots: ['./node_modules/@types', './node_modules/@microsoft'],
        types: ['webpack-env'],
        lib: ['es5', 'dom', 'es2015.collection', 'es2015.promise'],
      },
      include: ['src/**/*.ts', 'src/**/*.tsx'],
    }),
    'config/config.json': json({
      $schema: 'https://developer.microsoft.com/json-schemas/spfx-build/config.2.0.schema.json',
      version: '2.0',
      bundles: {
        [HELLO_BUNDLE]: {
          components: [
            {
              entrypoint: './lib/webparts/helloWorld/HelloWorldWebPart.js',
              manifest: './src/webparts/helloWorld/HelloWorldWebPart.manifest.json',
            },
          ],
        },
      },
      externals: {},
      localizedResources: { HelloWorldWebPartStrings: 'lib/webparts/helloWorld/loc/{locale}.js' },
    }),
    'config/write-manifests.json': json({
      $schema: 'https://developer.microsoft.com/json-schemas/spfx-build/write-manifests.schema.json',
      cdnBasePath: '<!-- PATH TO CDN -->',
    }),
    'config/deploy-azure-storage.json': json({
      $schema: 'https://developer.microsoft.com/json-schemas/spfx-build/deploy-azure-storage.schema.json',
      workingDir: './release/assets/',
      account: '<!-- STORAGE ACCOUNT NAME -->',
      container: 'hello-world',
      accessKey: '<!-- ACCESS KEY -->',
    }),
    'config/serve.json': json({
      $schema: 'https://developer.microsoft.com/json-schemas/spfx-build/spfx-serve.schema.json',
      port: 4321,
      https: true,
      initialPage: 'https://{tenantDomain}/_layouts/workbench.aspx',
    }),
    'config/sass.json': json({ $schema: 'https://developer.microsoft.com/json-schemas/core-build/sass.schema.json' }),
    'config/package-solution.json': json({
      $schema: 'https://developer.microsoft.com/json-schemas/spfx-build/package-solution.schema.json',
      solution: {
        name: 'hello-world-client-side-solution',
        id: '6a3c1c52-7b7e-4d55-9d3e-0f6c5d0b7a11',
        version: '1.0.0.0',
        includeClientSideAssets: true,
        skipFeatureDeployment: true,
        isDomainIsolated: false,
      },
      paths: { zippedPackage: 'solution/hello-world.sppkg' },
    }),
    'src/index.ts': '// A file is required to be in the root of the /src directory by the TypeScript compiler\n',
    'src/webparts/helloWorld/HelloWorldWebPart.manifest.json': json({
      $schema: 'https://developer.microsoft.com/json-schemas/spfx/client-side-web-part-manifest.schema.json',
      id: '5d2b7c1e-3f0a-4b8e-9c61-2f4d8a7e6b90',
      alias: 'HelloWorldWebPart',
      componentType: 'WebPart',
      version: '*',
      manifestVersion: 2,
      requiresCustomScript: false,
      supportedHosts: ['SharePointWebPart', 'TeamsPersonalApp', 'TeamsTab', 'SharePointFullPage'],
      supportsThemeVariants: true,
      preconfiguredEntries: [
        {
          groupId: '5c03119e-3074-46fd-976b-c60198311f70',
          group: { default: 'Advanced' },
          title: { default: 'HelloWorld' },
          description: { default: 'HelloWorld description' },
          officeFabricIconFontName: 'Page',
          properties: { description: 'HelloWorld' },
        },
      ],
    }),
    'src/webparts/helloWorld/loc/en-us.js': `define([], function() {
  return {
    "PropertyPaneDescription": "Description",
    "BasicGroupName": "Group Name",
    "DescriptionFieldLabel": "Description Field",
    "AppLocalEnvironmentSharePoint": "The app is running on your local environment as SharePoint web part",
    "AppLocalEnvironmentTeams": "The app is running on your local environment as Microsoft Teams app",
    "AppLocalEnvironmentOffice": "The app is running on your local environment in office.com",
    "AppLocalEnvironmentOutlook": "The app is running on your local environment in Outlook",
    "AppSharePointEnvironment": "The app is running on SharePoint page",
    "AppTeamsTabEnvironment": "The app is running in Microsoft Teams",
    "AppOfficeEnvironment": "The app is running in office.com",
    "AppOutlookEnvironment": "The app is running in Outlook",
    "UnknownEnvironment": "The app is running in an unknown environment"
  }
});
`,
    'src/webparts/helloWorld/loc/mystrings.d.ts': `declare interface IHelloWorldWebPartStrings {
  PropertyPaneDescription: string;
  BasicGroupName: string;
  DescriptionFieldLabel: string;
  AppLocalEnvironmentSharePoint: string;
  AppLocalEnvironmentTeams: string;
  AppLocalEnvironmentOffice: string;
  AppLocalEnvironmentOutlook: string;
  AppSharePointEnvironment: string;
  AppTeamsTabEnvironment: string;
  AppOfficeEnvironment: string;
  AppOutlookEnvironment: string;
  UnknownEnvironment: string;
}

declare module 'HelloWorldWebPartStrings' {
  const strings: IHelloWorldWebPartStrings;
  export = strings;
}
`,
    'src/webparts/helloWorld/components/IHelloWorldProps.ts': `export interface IHelloWorldProps {
  description: string;
  isDarkTheme: boolean;
  environmentMessage: string;
  hasTeamsContext: boolean;
  userDisplayName: string;
}
`,
    'src/webparts/helloWorld/components/HelloWorld.module.scss': `@import '~@fluentui/react/dist/sass/References.scss';

.helloWorld {
  overflow: hidden;
  padding: 1em;
  color: "[theme:bodyText, default: #323130]";
  color: var(--bodyText);
  &.teams {
    font-family: $ms-font-family-fallbacks;
  }
}

.welcome {
  text-align: center;
}

.welcomeImage {
  width: 100%;
  max-width: 420px;
}

.links {
  a {
    text-decoration: none;
    color: "[theme:link, default:#03787c]";
    color: var(--link); // note: CSS Custom Properties support is limited to modern browsers only

    &:hover {
      text-decoration: underline;
      color: "[theme:linkHovered, default: #014446]";
      color: var(--linkHovered); // note: CSS Custom Properties support is limited to modern browsers only
    }
  }
}
`,
    'src/webparts/helloWorld/components/HelloWorld.tsx': `import * as React from 'react';
import styles from './HelloWorld.module.scss';
import type { IHelloWorldProps } from './IHelloWorldProps';
import { escape } from '@microsoft/sp-lodash-subset';

export default class HelloWorld extends React.Component<IHelloWorldProps> {
  public render(): React.ReactElement<IHelloWorldProps> {
    const {
      description,
      environmentMessage,
      hasTeamsContext,
      userDisplayName
    } = this.props;

    return (
      <section className={\`\${styles.helloWorld} \${hasTeamsContext ? styles.teams : ''}\`}>
        <div className={styles.welcome}>
          <h2>Well done, {escape(userDisplayName)}!</h2>
          <div>{environmentMessage}</div>
          <div>Web part property value: <strong>{escape(description)}</strong></div>
        </div>
        <div>
          <h3>Welcome to SharePoint Framework!</h3>
          <p>
            The SharePoint Framework (SPFx) is a extensibility model for Microsoft Viva, Microsoft Teams and SharePoint. It&#39;s the easiest way to extend Microsoft 365 with automatic Single Sign On, automatic hosting and industry standard tooling.
          </p>
          <h4>Learn more about SPFx development:</h4>
          <ul className={styles.links}>
            <li><a href="https://aka.ms/spfx" target="_blank" rel="noreferrer">SharePoint Framework Overview</a></li>
            <li><a href="https://aka.ms/spfx-yeoman-graph" target="_blank" rel="noreferrer">Use Microsoft Graph in your solution</a></li>
            <li><a href="https://aka.ms/spfx-yeoman-teams" target="_blank" rel="noreferrer">Build for Microsoft Teams using SharePoint Framework</a></li>
            <li><a href="https://aka.ms/spfx-yeoman-viva" target="_blank" rel="noreferrer">Build for Microsoft Viva Connections using SharePoint Framework</a></li>
            <li><a href="https://aka.ms/spfx-yeoman-store" target="_blank" rel="noreferrer">Publish SharePoint Framework applications to the marketplace</a></li>
            <li><a href="https://aka.ms/spfx-yeoman-api" target="_blank" rel="noreferrer">SharePoint Framework API reference</a></li>
            <li><a href="https://aka.ms/m365pnp" target="_blank" rel="noreferrer">Microsoft 365 Developer Community</a></li>
          </ul>
        </div>
      </section>
    );
  }
}
`,
    'src/webparts/helloWorld/HelloWorldWebPart.ts': `import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import {
  type IPropertyPaneConfiguration,
  PropertyPaneTextField
} from '@microsoft/sp-property-pane';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import { IReadonlyTheme } from '@microsoft/sp-component-base';

import * as strings from 'HelloWorldWebPartStrings';
import HelloWorld from './components/HelloWorld';
import { IHelloWorldProps } from './components/IHelloWorldProps';

export interface IHelloWorldWebPartProps {
  description: string;
}

export default class HelloWorldWebPart extends BaseClientSideWebPart<IHelloWorldWebPartProps> {

  private _isDarkTheme: boolean = false;
  private _environmentMessage: string = '';

  public render(): void {
    const element: React.ReactElement<IHelloWorldProps> = React.createElement(
      HelloWorld,
      {
        description: this.properties.description,
        isDarkTheme: this._isDarkTheme,
        environmentMessage: this._environmentMessage,
        hasTeamsContext: !!this.context.sdks.microsoftTeams,
        userDisplayName: this.context.pageContext.user.displayName
      }
    );

    ReactDom.render(element, this.domElement);
  }

  protected onInit(): Promise<void> {
    return this._getEnvironmentMessage().then(message => {
      this._environmentMessage = message;
    });
  }

  private _getEnvironmentMessage(): Promise<string> {
    if (!!this.context.sdks.microsoftTeams) { // running in Teams, office.com or Outlook
      return this.context.sdks.microsoftTeams.teamsJs.app.getContext()
        .then(context => {
          let environmentMessage: string = '';
          switch (context.app.host.name) {
            case 'Office': // running in Office
              environmentMessage = this.context.isServedFromLocalhost ? strings.AppLocalEnvironmentOffice : strings.AppOfficeEnvironment;
              break;
            case 'Outlook': // running in Outlook
              environmentMessage = this.context.isServedFromLocalhost ? strings.AppLocalEnvironmentOutlook : strings.AppOutlookEnvironment;
              break;
            case 'Teams': // running in Teams
            case 'TeamsModern':
              environmentMessage = this.context.isServedFromLocalhost ? strings.AppLocalEnvironmentTeams : strings.AppTeamsTabEnvironment;
              break;
            default:
              environmentMessage = strings.UnknownEnvironment;
          }

          return environmentMessage;
        });
    }

    return Promise.resolve(this.context.isServedFromLocalhost ? strings.AppLocalEnvironmentSharePoint : strings.AppSharePointEnvironment);
  }

  protected onThemeChanged(currentTheme: IReadonlyTheme | undefined): void {
    if (!currentTheme) {
      return;
    }

    this._isDarkTheme = !!currentTheme.isInverted;
    const {
      semanticColors
    } = currentTheme;

    if (semanticColors) {
      this.domElement.style.setProperty('--bodyText', semanticColors.bodyText || null);
      this.domElement.style.setProperty('--link', semanticColors.link || null);
      this.domElement.style.setProperty('--linkHovered', semanticColors.linkHovered || null);
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
          header: {
            description: strings.PropertyPaneDescription
          },
          groups: [
            {
              groupName: strings.BasicGroupName,
              groupFields: [
                PropertyPaneTextField('description', {
                  label: strings.DescriptionFieldLabel
                })
              ]
            }
          ]
        }
      ]
    };
  }
}
`,
  };
}

/** Writes the hello world into `dir` and links the project's node_modules beside it. */
export function writeHelloWorld(dir: string, projectRoot: string): void {
  const pkg = (name: string): string => (JSON.parse(fs.readFileSync(path.join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const files = helloWorldFiles({ spfx: pkg('@microsoft/sp-webpart-base'), react: pkg('react'), fluent: pkg('@fluentui/react'), tslib: pkg('tslib') });
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}
