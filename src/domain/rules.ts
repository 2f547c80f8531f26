/**
 * The catalogue of the rule tags the code and the reports cite (`[X8]`, `[G7]`, `[S1 p.31]`…): each
 * rule in one sentence with its HP source documents and pages, and each source document by title.
 * It is the one place the tags are explained: the reports' "Rules cited" key and docs/rules.md are
 * rendered from it (report/rules-key.ts), and a test checks that every tag cited in src/ is here.
 * Plain data, paraphrased from the HP documents (numbers as the documents state them).
 */

/** A source document: its title (edition, part number and date where the document has them). */
export interface SourceDocument {
  readonly tag: string;
  readonly title: string;
}

/** A rule: one sentence, and where it comes from (`S5 p.92`: document S5, page 92). */
export interface Rule {
  readonly tag: string;
  readonly rule: string;
  readonly sources: readonly string[];
}

export interface RuleFamily {
  readonly name: string;
  readonly rules: readonly Rule[];
}

export const SOURCES: readonly SourceDocument[] = [
  {
    tag: 'S1',
    title:
      'HP white paper "Cost-Effective High-Availability Solutions with HP Instant Capacity on HP-UX" (cellular servers)',
  },
  {
    tag: 'S2',
    title:
      'HP white paper "Implement high-availability solutions with HP Instant Capacity – easily and effectively" (Superdome 2 edition)',
  },
  { tag: 'S3', title: 'icapmanage(1M) manual page (also in the iCAP 10.x User Guide, p. 125)' },
  { tag: 'S4', title: "HP Instant Capacity User's Guide for Version 9.x" },
  { tag: 'S5', title: "HP Instant Capacity User's Guide for Versions 8.x" },
  { tag: 'S6', title: 'HP Instant Capacity Version 10.x User Guide (762794-001, March 2014)' },
  { tag: 'S7', title: "HP Instant Capacity User's Manual (10.x edition)" },
  {
    tag: 'S8',
    title: "HP Instant Capacity User's Guide 8.x (B9073-90183) and 7.x (B9073-90081), HTML edition",
  },
  {
    tag: 'S9',
    title: 'HP Instant Capacity User\'s Guide 8.x, "Group Manager Availability" (B9073-90111)',
  },
  { tag: 'S10', title: 'HP Instant Capacity Version 10.x Release Notes (5900-1580, March 2011)' },
  {
    tag: 'S11',
    title:
      'Serviceguard manuals: Managing Serviceguard 13th edition (February 2007), A.11.20 (March 2013) and 18th edition (September 2010); Optimizing Failover Time in a Serviceguard Environment (June 2007); Optimizing Serviceguard Failover Time, A.11.19 and later (April 2009)',
  },
  { tag: 'S12', title: 'HP Serviceguard for Linux A.11.18 Release Notes (March 2009)' },
  {
    tag: 'S13',
    title:
      'HP white paper "Designing High Availability Solutions with HP Serviceguard and HP Integrity Virtual Machines"',
  },
  {
    tag: 'S14',
    title:
      "HP-UX Virtual Partitions Administrator's Guides (A.05.08 5900-1312, A.05.02, A.03.05/A.04.05) and the HP-UX Handbook, chapter 16 (iCAP)",
  },
  { tag: 'S15', title: 'HP "Introduction to the HP Virtual Server Environment"' },
  { tag: 'S16', title: 'HP Instant Capacity 10.x User Guide (5900-2063, December 2011)' },
  { tag: 'S17', title: 'Manual pages icapmodify(1M), iCAP(5) and icapstatus(1M)' },
  { tag: 'S18', title: 'HP Instant Capacity 10.x User Guide (5900-1581, March 2011)' },
  {
    tag: 'S19',
    title: '"HP Instant Capacity for HP Integrity & HP 9000 Mid-range & Superdome Servers"',
  },
  { tag: 'S20', title: 'Managing Serviceguard, 18th edition (September 2010, A.11.19)' },
  { tag: 'S21', title: 'Managing Serviceguard A.11.20 (March 2013)' },
  {
    tag: 'S22',
    title: 'Managing Serviceguard, 15th edition (May 2008, A.11.18) and 14th edition (June 2007)',
  },
  {
    tag: 'S23',
    title:
      'HP white paper "Serviceguard Cluster Configuration for HP-UX 11i or Linux Partitioned Systems" (April 2009)',
  },
  {
    tag: 'S24',
    title:
      '"Designing Disaster Tolerant High Availability Clusters", 10th edition (March 2003, B7660-90013)',
  },
  {
    tag: 'S25',
    title:
      '"Arbitration for Data Integrity in Serviceguard Clusters" (July 2007, B3936-90078) and "Understanding and Designing Serviceguard Disaster Recovery Architectures"',
  },
  {
    tag: 'S26',
    title: 'Managing HP Serviceguard for Linux, 9th edition (April 2009) and 10th edition',
  },
];

export const RULE_FAMILIES: readonly RuleFamily[] = [
  {
    name: 'Cores, cells and usage rights (iCAP, per complex)',
    rules: [
      {
        tag: 'R1',
        rule: 'An nPartition keeps at least one active core per active cell; deactivation stops there (vPar minimums apply on top).',
        sources: ['S8 ch04s05', 'S5 p.92'],
      },
      {
        tag: 'R2',
        rule: 'Activating an iCAP cell needs at least one core usage right for it, plus cell and memory rights, and takes effect when the nPartition reboots.',
        sources: ['S4 p.39', 'S4 p.90'],
      },
      {
        tag: 'R3',
        rule: 'iCAP spreads an nPartition’s active cores as evenly as it can over its active cells; no extra core right is needed when the nPar’s rights cover its cells.',
        sources: ['S5 p.92', 'S1 p.6'],
      },
      {
        tag: 'R4',
        rule: 'A partition consumes as many usage rights as the larger of its Intended Active and Actual Active cores.',
        sources: ['S18 p.50'],
      },
      {
        tag: 'R5',
        rule: 'Creating an nPartition needs usage rights for every core of its cells.',
        sources: ['S18 p.50'],
      },
      {
        tag: 'R6',
        rule: 'icapmodify never activates beyond the available usage rights unless TiCAP is allowed (-t); inside a complex, deactivate first, then activate.',
        sources: ['S17 icapmodify', 'S5 p.64'],
      },
      {
        tag: 'R7',
        rule: 'Unassigning a cell lowers Intended Active only when its cores exceed the partition’s inactive cores; otherwise the freed rights spread over the remaining cells.',
        sources: ['S8 ch04s09'],
      },
      {
        tag: 'R8',
        rule: 'Cores can be activated or deactivated only on a running partition, never on a failed one (which is why seizure exists).',
        sources: ['S1 p.7'],
      },
      {
        tag: 'R9',
        rule: 'An inactive iCAP core automatically replaces a failed core of the same partition at reboot.',
        sources: ['S1 p.7'],
      },
    ],
  },
  {
    name: 'Virtual partitions (vPars)',
    rules: [
      {
        tag: 'V1',
        rule: 'A booted vPar has at least one core (its boot processor), and its cores stay between its configured min and max.',
        sources: ['S14 A.05.08 p.220', 'S14 A.05.02 p.265'],
      },
      {
        tag: 'V2',
        rule: 'Only cores iCAP has activated can be added to a vPar, up to the nPar’s Intended Active; cores can be removed down to each vPar’s min.',
        sources: ['S14 A.04.05 p.233', 'S14 A.05.08 p.220'],
      },
      {
        tag: 'V3',
        rule: 'vparmodify moves cores between the vPars of one nPar without changing its Intended Active, so it cannot move rights to another nPar (icapmodify does).',
        sources: ['S7 p.152', 'S6 p.45'],
      },
      {
        tag: 'V4',
        rule: 'If the cores assigned to all vPars exceed the nPar’s Intended Active, the vPar monitor refuses to boot any vPar until an nPar-mode boot fixes it.',
        sources: ['S14 Handbook p.18', 'S5 p.138'],
      },
      {
        tag: 'V5',
        rule: 'Deferred activations and deactivations (-D) are not supported with vPars.',
        sources: ['S6 p.45'],
      },
      {
        tag: 'V6',
        rule: 'A static vPar (fixed resources) rejects iCAP activation and deactivation.',
        sources: ['S6 p.45'],
      },
      {
        tag: 'V7',
        rule: 'When only some vPars of an nPar are down there is no seizure: a surviving vPar removes the down vPar’s cores (vparmodify -d), deactivates them and another partition activates them; impossible if the down vPar is static.',
        sources: ['S1 p.24', 'S4 p.123'],
      },
      {
        tag: 'V8',
        rule: 'Rights can be seized from an nPar running vPars only when all its vPars are down; naming any one of its vPars seizes from the whole nPar.',
        sources: ['S4 p.123', 'S1 p.24', 'S6 p.84'],
      },
      {
        tag: 'V9',
        rule: 'After a seizure from a vPar nPar, deactivate the failover cores and restore the rights (icapmanage -z) before any of its vPars boots, or the seizure is committed and vPar boot may fail until an administrator fixes it in nPar mode.',
        sources: ['S1 p.27', 'S1 p.31', 'S4 p.157', 'S6 p.158'],
      },
      {
        tag: 'V10',
        rule: 'With vPars, only icapmodify -d stops TiCAP use (vparmodify -d only reduces it for a while); if TiCAP has expired a vPar may not boot.',
        sources: ['S14 Handbook p.18', 'S16 p.106'],
      },
    ],
  },
  {
    name: 'GiCAP groups and sharing rights',
    rules: [
      {
        tag: 'G1',
        rule: 'A Group Manager needs at least as many sharing rights as the cores without usage rights of all member complexes of its groups (cells and memory do not count).',
        sources: ['S4 p.157', 'S4 p.107', 'S6 p.71', 'S1 p.13', 'S8 ch07s09', 'S19 p.20'],
      },
      {
        tag: 'G2',
        rule: 'A complex with usage rights for every core needs no sharing rights and can join a group as a donor.',
        sources: ['S1 p.37', 'S8 ch02s03'],
      },
      {
        tag: 'G3',
        rule: 'Sharing-rights codewords are made for one Group Manager partition and applied in sequence.',
        sources: ['S4 p.157', 'S6 p.71'],
      },
      {
        tag: 'G4',
        rule: 'Group size has no hard limit; more members make the manager slower to start and rights transfers slower.',
        sources: ['S4 p.107'],
      },
      {
        tag: 'G5',
        rule: 'A Group Manager may manage several groups; one group per manager is recommended for recoverability.',
        sources: ['S5 p.101', 'S4 p.103'],
      },
      {
        tag: 'G6',
        rule: 'Group membership follows HP grouping rules (hardware compatibility) installed on the Group Manager.',
        sources: ['S3', 'S4 p.107'],
      },
      {
        tag: 'G7',
        rule: 'A Group Manager is best placed on a server that is not a member of any group, since a member’s failure or repartitioning takes it down.',
        sources: ['S4 p.103', 'S5 p.101'],
      },
      {
        tag: 'G8',
        rule: 'Before a member leaves a group, its borrowed rights are returned and loans reclaimed; rights reclaimed are held by the Group Manager.',
        sources: ['S8 ch07s09'],
      },
      {
        tag: 'G9',
        rule: 'The TiCAP balances of all members are pooled and usable by any member, so another member may consume the pool first.',
        sources: ['S18 p.78', 'S1 p.37', 'S8 ch05s03'],
      },
      {
        tag: 'G10',
        rule: 'The Group Manager and members need minimum iCAP versions; seizure after a complete outage needs 8.02.01 on the manager and 8.02 on every member.',
        sources: ['S5 p.101', 'S4 p.103', 'S5 p.117', 'S7 p.148'],
      },
    ],
  },
  {
    name: 'Group Manager availability and standby takeover',
    rules: [
      {
        tag: 'M1',
        rule: 'While the Group Manager is down and no standby has taken over, nothing moves between complexes (no borrowing, lending, seizure or TiCAP from another complex) and the rights it holds are unusable; rights still move within a complex.',
        sources: ['S9', 'S4 p.149', 'S1 p.31'],
      },
      {
        tag: 'M2',
        rule: 'icapmanage -Q on a standby makes it the active manager of every group and member it can contact.',
        sources: ['S3', 'S1 p.29', 'S4 p.158'],
      },
      {
        tag: 'M3',
        rule: 'icapmanage -Q -n runs without password prompts (for scripts) when trust with every member host was set up; hosts it cannot reach stay out of contact.',
        sources: ['S2 p.27', 'S1 p.36', 'S4 p.158'],
      },
      {
        tag: 'M4',
        rule: 'A takeover that cannot reach the old manager and some members splits the group in two, each manager controlling the members it reached; rejoining loses the demoted manager’s changes.',
        sources: ['S7 p.120', 'S1 p.30'],
      },
      {
        tag: 'M5',
        rule: 'Member failover scripts must try each Group Manager in turn (or use the manager package’s relocatable address).',
        sources: ['S1 p.36', 'S2 p.28'],
      },
      {
        tag: 'M6',
        rule: 'A standby manager answers status queries only; management commands run on the active manager.',
        sources: ['S1 p.29'],
      },
    ],
  },
  {
    name: 'Rights seizure and restore',
    rules: [
      {
        tag: 'X1',
        rule: 'Rights can be seized from an nPartition only when the Group Manager judges it down by ping, with every other host of that nPar down too.',
        sources: ['S3', 'S7 p.122', 'S6 p.84'],
      },
      {
        tag: 'X2',
        rule: 'A seizure takes all it can: on a cellular server it leaves one core right per active cell, so it yields max(Intended Active, Actual Active) minus the active cells.',
        sources: ['S6 p.80', 'S5 p.145', 'S4 p.123'],
      },
      {
        tag: 'X3',
        rule: 'On Superdome 2 the seizure goes through the Onboard Administrator and leaves one usage right per member complex.',
        sources: ['S6 p.115', 'S2 p.17', 'S2 p.18'],
      },
      {
        tag: 'X4',
        rule: 'A seizure acts once per nPartition, and rights already seized from a complex cannot be seized again, so a package whose primary and adoptive share a complex must fail back.',
        sources: ['S6 p.84', 'S5 p.117', 'S1 p.37', 'S2 p.28'],
      },
      {
        tag: 'X5',
        rule: 'When some partition of the member complex is still up (a partial outage), seized rights move at once and for good.',
        sources: ['S7 p.123', 'S1 p.19'],
      },
      {
        tag: 'X6',
        rule: 'When no partition of the complex is up (a complete outage), seized rights are a loan that expires 10 days after the first seizure and then reverts, unless a partition reconnects first.',
        sources: ['S5 p.146', 'S4 p.123', 'S1 p.20', 'S1 p.22'],
      },
      {
        tag: 'X7',
        rule: 'Unassigned rights of the complex are seized too, but icapmanage -z does not restore them.',
        sources: ['S5 p.151'],
      },
      {
        tag: 'X8',
        rule: 'The other partitions of a complex assume a down partition uses all the cores of its cells after 12 hours: reboot it or make its cells inactive within 12 hours.',
        sources: ['S5 p.117', 'S5 p.176', 'S1 p.19', 'S1 p.34', 'S10 p.21'],
      },
      {
        tag: 'X9',
        rule: 'After a partial-outage seizure the failed nPar reboots with only one core per active cell unless its rights were restored (icapmanage -z) first.',
        sources: ['S1 p.19', 'S1 p.23', 'S4 p.157'],
      },
      {
        tag: 'X10',
        rule: 'Between a seizure and the activation, partitions running on TiCAP may take the freed rights; activate with -t on the adoptive node to be sure.',
        sources: ['S1 p.28', 'S7 p.124'],
      },
      {
        tag: 'X11',
        rule: 'Down is judged by ping, so a network cut can make a live partition look dead and trigger a seizure that starves it.',
        sources: ['S7 p.124'],
      },
      {
        tag: 'X12',
        rule: 'Rights seized from nPar or vPar environments can go to any member, whatever its environment.',
        sources: ['S7 p.124', 'S1 p.37'],
      },
      {
        tag: 'X13',
        rule: 'For planned downtime, migrate the rights (deactivate before shutdown) rather than seize them.',
        sources: ['S6 p.80'],
      },
    ],
  },
  {
    name: 'Temporary Instant Capacity (TiCAP)',
    rules: [
      {
        tag: 'T1',
        rule: 'One TiCAP unit is 30 core-days (43,200 core-minutes), usable over any number of cores.',
        sources: ['S2 p.7', 'S15 p.17'],
      },
      {
        tag: 'T2',
        rule: 'The TiCAP balance is charged every 30 minutes for each core active beyond the usage rights.',
        sources: ['S1 p.10', 'S2 p.7', 'S8 ch05s03'],
      },
      {
        tag: 'T3',
        rule: 'On Superdome 2, 30 minutes of TiCAP is reserved per core running on it, and TiCAP can be assigned to partitions in minutes.',
        sources: ['S6 p.94'],
      },
      {
        tag: 'T4',
        rule: 'A warning is given when the TiCAP balance runs low (default: 15 days ahead).',
        sources: ['S6 p.107'],
      },
      {
        tag: 'T5',
        rule: 'When the TiCAP balance runs out with cores still on it, the complex is out of compliance and cores are deactivated at the next boot.',
        sources: ['S16 p.106', 'S6 p.58', 'S1 p.10'],
      },
      {
        tag: 'T6',
        rule: 'TiCAP activates cores only, never cells or memory.',
        sources: ['S1 p.9', 'S8 ch05s03'],
      },
      {
        tag: 'T7',
        rule: 'If seized rights expire while the failover cores stay active, the borrower starts consuming TiCAP.',
        sources: ['S1 p.22'],
      },
    ],
  },
  {
    name: 'Serviceguard clusters',
    rules: [
      {
        tag: 'C1',
        rule: 'A cluster re-forms only with a strict majority (more than 50 %) of the nodes that were running before the failure.',
        sources: ['S20 p.62', 'S22 p.68', 'S24 p.130'],
      },
      {
        tag: 'C2',
        rule: 'Survivors that are not a majority and cannot take the cluster lock halt, and every package of the cluster stops with them.',
        sources: ['S20 p.117', 'S23 p.5'],
      },
      {
        tag: 'C3',
        rule: 'With exactly half the nodes left, the side that takes the cluster lock forms the cluster; a lock that fails or a Quorum Server that does not answer halts it.',
        sources: ['S21 p.47', 'S22 p.69', 'S22 p.72', 'S22 p.421', 'S20 p.63'],
      },
      {
        tag: 'C4',
        rule: 'A cluster lock is an LVM lock disk (single or dual), a lock LUN (single) or a Quorum Server, one kind per cluster.',
        sources: ['S20 p.63', 'S20 p.66', 'S20 p.130'],
      },
      {
        tag: 'C5',
        rule: 'The Quorum Server must run outside the cluster it serves (for two sites, in a third site).',
        sources: ['S25 p.61', 'S20 p.130'],
      },
      {
        tag: 'C6',
        rule: 'A 2-node cluster requires a lock, a 3-node one should have one, and clusters of more than 4 nodes must use a Quorum Server, not a lock disk or LUN.',
        sources: ['S21 p.47', 'S20 p.63', 'S20 p.130'],
      },
      {
        tag: 'C7',
        rule: 'With a dual lock disk (one per data centre), the nodes of the surviving data centre take their local lock disk and re-form the cluster.',
        sources: ['S20 p.64', 'S20 p.65', 'S25 p.27', 'S25 p.28'],
      },
      {
        tag: 'C8',
        rule: 'A cluster that halted is not restarted automatically; an operator starts it with the remaining nodes.',
        sources: ['S20 p.275', 'S24 p.80', 'S24 p.131'],
      },
      {
        tag: 'C9',
        rule: 'A package priority is 1–3000 (lower is higher) or no_priority (the default, outranked by any number), unique within a cluster.',
        sources: ['S22 p.293', 'S22 14th p.175', 'S20 p.293'],
      },
      {
        tag: 'C10',
        rule: 'A run script that exits 1 disables the package on every other node; one that exits 2 (restart exit) lets it start on another node.',
        sources: ['S20 p.83', 'S20 p.88', 'S22 14th p.95'],
      },
      {
        tag: 'C11',
        rule: 'A package with auto_run (package switching) off is never started or failed over automatically: it halts.',
        sources: ['S21 p.239', 'S22 p.93'],
      },
      {
        tag: 'C12',
        rule: 'With MEMBER_TIMEOUT 14 s a Serviceguard failover takes about 18–22 s (25 s: 29–39 s), plus 5–13 s with a SCSI or dual FC lock.',
        sources: ['S20 p.159', 'S20 p.160', 'S21 p.124'],
      },
    ],
  },
  {
    name: 'Serviceguard placement policies',
    rules: [
      {
        tag: 'P1',
        rule: 'failover_policy chooses the adoptive node: configured_node (the list in order), min_package_node (fewest packages), site_preferred (own site first) or site_preferred_manual (own site only, else the package halts).',
        sources: ['S21 p.239', 'S20 p.72', 'S20 p.293'],
      },
      {
        tag: 'P2',
        rule: 'A node is skipped when it is not available or cannot run the package at that time (dependencies, weights).',
        sources: ['S21 p.239'],
      },
      {
        tag: 'P3',
        rule: 'A dependency (condition UP) places the package on the same node, any node or a different node than the one it depends on, within one cluster.',
        sources: ['S20 p.184', 'S20 p.187', 'S21 p.148'],
      },
      {
        tag: 'P4',
        rule: 'When a package fails, the packages that depend on it are halted whatever its priority and restarted after it; the depended-on package keeps its own node order unless a higher-priority dependent drags it.',
        sources: ['S20 p.186', 'S20 p.187', 'S21 p.139', 'S26 10th p.134'],
      },
      {
        tag: 'P5',
        rule: 'A node may define up to 4 capacities (or package_limit alone); a node that does not define a capacity has an infinite amount of it.',
        sources: ['S26 9th p.133', 'S20 p.194'],
      },
      {
        tag: 'P6',
        rule: 'A package weighs its own weight, else its cluster’s default, else 0 (1 for package_limit), and cannot start where its weight exceeds the capacity left.',
        sources: ['S20 p.194', 'S20 p.296'],
      },
      {
        tag: 'P7',
        rule: 'Capacities are refused with min_package_node or automatic failback.',
        sources: ['S26 10th p.146'],
      },
      {
        tag: 'P8',
        rule: 'Serviceguard halts a running lower-priority package with weight to make room for a higher-priority one; a no_priority package never displaces another.',
        sources: ['S26 9th p.137', 'S20 p.196'],
      },
    ],
  },
  {
    name: 'Open questions: where the sources are silent, the assumption made',
    rules: [
      {
        tag: 'Q1',
        rule: 'Standby takeover time is not published as a formula: a monotone model of groups, members and unreachable partitions, capped at 15 minutes, is assumed.',
        sources: ['S1 p.31'],
      },
      {
        tag: 'Q2',
        rule: 'The time to move usage rights has no published figure: per-operation coefficients (assumptions, calibratable) are used.',
        sources: ['S1 p.31'],
      },
      {
        tag: 'Q3',
        rule: 'A VM guest’s boot time has no published default: it is a required input (vm_boot_s).',
        sources: ['S13 p.7'],
      },
      {
        tag: 'Q4',
        rule: 'A package waits for a standby’s takeover (serially) only when it needs rights or TiCAP from another complex, which cannot move until the takeover; otherwise it proceeds in parallel.',
        sources: ['S4 p.149'],
      },
      {
        tag: 'Q5',
        rule: 'Cores on inactive iCAP cells count as cores without usage rights for sharing rights (the rule is per core; only cell rights are excluded).',
        sources: ['S1 p.13'],
      },
      {
        tag: 'Q6',
        rule: 'Group size and groups per manager have no hard limit.',
        sources: ['S4 p.107', 'S5 p.101'],
      },
      {
        tag: 'Q7',
        rule: 'Without a Group Manager in control, a member uses only its own complex’s TiCAP balance, not the group pool.',
        sources: ['S4 p.149'],
      },
      {
        tag: 'Q8',
        rule: 'The interval at which a standby’s copy of the GiCAP database is refreshed is not stated: stale copies are a risk, not a time.',
        sources: ['S4 p.103', 'S1 p.29'],
      },
      {
        tag: 'Q9',
        rule: 'On Superdome 2, a failed partition’s rights are released through the Onboard Administrator down to 0 active cores while another partition is up.',
        sources: ['S2 p.15', 'S2 p.24'],
      },
      {
        tag: 'Q10',
        rule: 'A second seizure naming another vPar of an already seized nPar does nothing: one seizure per hard partition.',
        sources: ['S5 p.117'],
      },
      {
        tag: 'Q11',
        rule: 'After a partial-outage seizure (already final), a reboot only brings the nPar up with its minimum unless rights were restored first.',
        sources: ['S7 p.123', 'S1 p.19'],
      },
      {
        tag: 'Q12',
        rule: 'Serviceguard failover is taken as 28–45 s (the white paper’s figure) unless computed from MEMBER_TIMEOUT.',
        sources: ['S1 p.31', 'S11 p.124'],
      },
      {
        tag: 'Q13',
        rule: 'Memory rights are counted in GB, cells and cores as whole numbers.',
        sources: ['S16 p.106'],
      },
      {
        tag: 'Q14',
        rule: 'A vPar’s minimum is its configured cpu min (default 1).',
        sources: ['S14 A.05.08 p.220'],
      },
    ],
  },
];
