export declare const PROC_TABLES: readonly ['tcp', 'tcp6', 'udp', 'udp6'];

export interface ScanRequest {
  procRoot: string;
  /** The ports asked about: their UDP rows and owners are kept (TCP listeners are kept on every port). */
  ports: number[];
  /** How long the owner search may walk /proc/<pid>/fd before giving up on the rest. */
  ownerBudgetMs: number;
}

export interface ScanResult {
  /** Per table (PROC_TABLES order): its header and kept rows; '' for an IPv6 table not read because the kernel counts no socket of its kind; null when it cannot be read. */
  tables: Array<string | null>;
  /** [inode, pid, process name] for the sockets on the asked ports whose process was found. */
  owners: Array<[number, number, string]>;
}

export declare function scanProcNet(request: ScanRequest): Promise<ScanResult>;
