/** What each section of a project's Settings tab is drawn for. */
export interface SettingsSectionProps {
  workspaceId: string;
  projectId: string;
  /** Shown, but not to be changed by this member. */
  readOnly?: boolean;
}
