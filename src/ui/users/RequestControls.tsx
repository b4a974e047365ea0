import * as React from 'react';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { Dialog, DialogFooter, DialogType } from '@fluentui/react/lib/Dialog';
import { format } from '../../common/format';
import { MAX_ADDRESSES_PER_CALL } from '../../provisioning/chunk';

export interface RequestButtonProps {
  text: string;
  /** Why the request cannot be sent now; the button stays focusable and is described by it. */
  blockedReason?: string;
  /** The id of the reason's element (unique on the page). */
  reasonId: string;
  onClick(): void;
}

/** "Request OneDrive for N selected", disabled with its reason beside it when the request cannot be sent. */
export function RequestButton(props: RequestButtonProps): JSX.Element {
  const blocked = props.blockedReason !== undefined;
  return (
    <>
      <PrimaryButton text={props.text} disabled={blocked} allowDisabledFocus aria-describedby={blocked ? props.reasonId : undefined} onClick={props.onClick} />
      {blocked && <span id={props.reasonId}>{props.blockedReason}</span>}
    </>
  );
}

/** The dialog's texts, as each section's strings name them. */
export interface ConfirmRequestTexts {
  /** Title template, {0} = the number of addresses. */
  ConfirmTitle: string;
  /** Text template, {0} = the number of calls (chunks of at most 199). */
  ConfirmText: string;
  ConfirmRequest: string;
  ConfirmCancel: string;
}

export interface ConfirmRequestDialogProps {
  /** The addresses about to be requested; undefined: the dialog is closed. */
  addresses: ReadonlyArray<string> | undefined;
  texts: ConfirmRequestTexts;
  onConfirm(): void;
  onDismiss(): void;
}

/** The blocking confirmation before a provisioning request: how many addresses, in how many calls. */
export function ConfirmRequestDialog(props: ConfirmRequestDialogProps): JSX.Element {
  const count = props.addresses ? props.addresses.length : 0;
  const texts = props.texts;
  return (
    <Dialog
      hidden={props.addresses === undefined}
      onDismiss={props.onDismiss}
      dialogContentProps={{
        type: DialogType.normal,
        title: format(texts.ConfirmTitle, count),
        subText: format(texts.ConfirmText, Math.ceil(count / MAX_ADDRESSES_PER_CALL)),
      }}
      modalProps={{ isBlocking: true }}
    >
      <DialogFooter>
        <PrimaryButton text={texts.ConfirmRequest} onClick={props.onConfirm} />
        <DefaultButton text={texts.ConfirmCancel} onClick={props.onDismiss} />
      </DialogFooter>
    </Dialog>
  );
}
