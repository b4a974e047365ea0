import * as React from 'react';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { TextField } from '@fluentui/react/lib/TextField';
import { useTheme } from '@fluentui/react/lib/Theme';
import { getId } from '@fluentui/react/lib/Utilities';
import * as strings from 'MigrationListUiStrings';

export interface DropZoneProps {
  /** A file was dropped or picked. */
  onFile(file: File): void;
  /** Text was pasted and submitted. */
  onText(text: string): void;
  disabled?: boolean;
}

/**
 * Where the list comes in: drop a file on the zone (`data-testid="mapping-input"`), pick one with its file input, or
 * paste the text. Nothing is sent anywhere from here: the file is handed to the page.
 */
export function DropZone(props: DropZoneProps): JSX.Element {
  const theme = useTheme();
  const [ids] = React.useState(() => {
    const base = getId('mr-mapping');
    return { input: base + '-file', hint: base + '-hint', paste: base + '-paste' };
  });
  const [over, setOver] = React.useState<boolean>(false);
  const [pasted, setPasted] = React.useState<string>('');
  const input = React.useRef<HTMLInputElement>(null);

  const onDrop = (event: React.DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer && event.dataTransfer.files ? event.dataTransfer.files[0] : undefined;
    if (file && !props.disabled) {
      props.onFile(file);
    }
  };
  const onPick = (event: React.ChangeEvent<HTMLInputElement>): void => {
    const file = event.target.files ? event.target.files[0] : undefined;
    if (file) {
      props.onFile(file);
    }
    // The same file can be picked again after it was fixed.
    event.target.value = '';
  };

  return (
    <div>
      <div
        data-testid="mapping-input"
        onDragOver={(event) => {
          event.preventDefault();
          if (!over) {
            setOver(true);
          }
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        style={{
          border: `2px dashed ${over ? theme.palette.themePrimary : theme.semanticColors.inputBorder}`,
          background: over ? theme.palette.themeLighterAlt : 'transparent',
          borderRadius: 4,
          padding: 16,
          marginTop: 8,
        }}
      >
        <div id={ids.hint} style={{ fontWeight: 600 }}>
          {strings.DropLabel}
        </div>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginTop: 8 }}>
          <span>{strings.DropHint}</span>
          <label htmlFor={ids.input} style={{ fontWeight: 600 }}>
            {strings.ChooseFile}
          </label>
          <input
            ref={input}
            id={ids.input}
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain,text/tab-separated-values"
            aria-describedby={ids.hint}
            disabled={props.disabled}
            onChange={onPick}
          />
        </div>
        <p style={{ margin: '8px 0 0' }}>{strings.Formats}</p>
      </div>
      <div style={{ marginTop: 8, maxWidth: 560 }}>
        <TextField id={ids.paste} label={strings.PasteLabel} multiline rows={3} placeholder={strings.PastePlaceholder} value={pasted} onChange={(_e, value) => setPasted(value || '')} />
        <DefaultButton
          style={{ marginTop: 4 }}
          text={strings.PasteCheck}
          disabled={props.disabled || pasted.trim().length === 0}
          onClick={() => props.onText(pasted)}
        />
      </div>
    </div>
  );
}
