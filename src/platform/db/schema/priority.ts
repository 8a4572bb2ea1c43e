/** Priority provision (migration 0026): the list projection, packages, copies, members, reads. */
export interface PriorityProvisionsTable {
  id: string;
  case_id: string;
  status: string;
  /** JSON string[] */
  sectors: string;
  /** JSON string[] */
  recipient_org_ids: string;
  started_at: string;
  sent_at: string | null;
  ended_at: string | null;
  updated_at: string;
}

export interface PriorityPackagesTable {
  id: string;
  provision_id: string;
  kind: string;
  title_sealed: string;
  body_sealed: string;
  created_by: string;
  created_at: string;
}

export interface PriorityPackageFilesTable {
  id: string;
  package_id: string;
  position: number;
  name_sealed: string;
  media_type: string;
  size: number;
  content_sealed: Buffer;
  uploaded_at: string;
}

/** One package as one recipient organization received it; `code` marks the copy. */
export interface PriorityCopiesTable {
  id: string;
  code: string;
  package_id: string;
  provision_id: string;
  organization_id: string;
  delivered_at: string;
}

/** R-SEC-6: the members a recipient's admin assigned to a delivery (provision × recipient). */
export interface PriorityDeliveryMembersTable {
  provision_id: string;
  organization_id: string;
  user_id: string;
  assigned_by: string;
  assigned_at: string;
}

export interface PriorityReadsTable {
  id: string;
  copy_id: string;
  user_id: string;
  /** The file downloaded; null when the package itself was read. */
  file_id: string | null;
  read_at: string;
}

export interface PriorityTables {
  priority_provisions: PriorityProvisionsTable;
  priority_packages: PriorityPackagesTable;
  priority_package_files: PriorityPackageFilesTable;
  priority_copies: PriorityCopiesTable;
  priority_delivery_members: PriorityDeliveryMembersTable;
  priority_reads: PriorityReadsTable;
}
