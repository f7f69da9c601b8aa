/**
 * How Kubernetes terms read in each language, fixed in one place so every message says them alike
 * (lib/i18n/glossary.test.ts holds the catalogs to it). Practitioners keep the API's own words —
 * kinds, field names, phases, kubectl — so a term stays as it is (`keep`), with the conventional
 * Chinese word beside it where one exists (`zh`, written `中文（Term）`), never a rival translation
 * (`avoid`). Object names, YAML paths and cluster text are never translated.
 */
export interface Term {
  en: string;
  /** The zh-CN form the catalogs use; absent: the term is written as it is. */
  zh?: string;
  /** Other translations seen in the field that this project does not use. */
  avoid?: string[];
  /** The English word must survive in the zh-CN message wherever the English message has it. */
  keep?: boolean;
  note?: string;
}

export const GLOSSARY: readonly Term[] = [
  {
    en: 'StatefulSet',
    keep: true,
    avoid: ['有状态集', '有状态副本集', '状态集'],
    note: 'the kind, as kubernetes.io/zh-cn writes it',
  },
  { en: 'Pod', keep: true, avoid: ['容器组', '豆荚'], note: 'lowercase "pod" in English prose is the same word' },
  {
    en: 'PersistentVolumeClaim',
    zh: '持久卷声明（PVC）',
    avoid: ['持久卷申领', '存储声明', '持久化卷声明'],
    note: 'English prose says "claim"',
  },
  { en: 'PersistentVolume', zh: '持久卷（PV）', avoid: ['持久化卷', '永久卷'], note: 'English prose says "volume"' },
  { en: 'StorageClass', zh: '存储类（StorageClass）', keep: true, avoid: ['存储类别'] },
  { en: 'Service', zh: '服务（Service）', avoid: ['服务器'], note: 'the kind; "serving" is 提供服务' },
  { en: 'EndpointSlice', zh: 'EndpointSlice（端点切片）', keep: true, avoid: ['端点分片'] },
  { en: 'endpoint', zh: '端点', avoid: ['终端', '端点地址'] },
  { en: 'ConfigMap', keep: true, avoid: ['配置映射', '配置字典'] },
  { en: 'Secret', keep: true, avoid: ['保密字典', '密钥对象'] },
  { en: 'namespace', zh: '命名空间', avoid: ['名字空间', '名称空间'] },
  { en: 'ordinal', zh: '序号', avoid: ['序数', '顺序号'], note: "a StatefulSet pod's index" },
  { en: 'replica', zh: '副本', avoid: ['复制品'] },
  { en: 'revision', zh: '修订版本', avoid: ['版本号', '修订号'] },
  { en: 'rollout', zh: '滚动更新', avoid: ['发布', '推出'] },
  { en: 'partition', zh: '分区（partition）', keep: true, note: 'the RollingUpdate field' },
  {
    en: 'Ready',
    zh: '就绪（Ready）',
    avoid: ['准备好', '已准备'],
    note: 'the condition; shown bare where space is short',
  },
  { en: 'selector', zh: '选择器（selector）', avoid: ['选择算符'] },
  { en: 'headless', zh: '无头（headless）', avoid: ['无头部'] },
  { en: 'drift', zh: '漂移', avoid: ['偏移', '偏差'] },
  { en: 'stale', zh: '过时', avoid: ['陈旧', '过期'] },
  { en: 'diagnosis', zh: '诊断' },
  { en: 'history', zh: '变更历史', note: 'the audit log of changes' },
  { en: 'reclaimPolicy', keep: true, zh: '回收策略（reclaimPolicy）' },
  { en: 'whenScaled', keep: true },
  { en: 'whenDeleted', keep: true },
  { en: 'OrderedReady', keep: true },
  { en: 'OnDelete', keep: true },
  { en: 'WaitForFirstConsumer', keep: true },
  { en: 'publishNotReadyAddresses', keep: true },
  { en: 'serviceName', keep: true },
  { en: 'subPath', keep: true },
  { en: 'claimRef', keep: true },
  { en: 'kubectl', keep: true },
  { en: 'kubelet', keep: true },
  { en: 'RBAC', keep: true },
  { en: 'RoleBinding', keep: true },
  { en: 'ClusterRoleBinding', keep: true },
  { en: 'YAML', keep: true },
  { en: 'DNS', keep: true },
  { en: 'BestEffort', keep: true },
  {
    en: 'Pending',
    keep: true,
    note: 'phases stay as the API writes them: Pending, Bound, Lost, Released, Failed, Running',
  },
  { en: 'Bound', keep: true },
  { en: 'Lost', keep: true },
  { en: 'Released', keep: true },
];

/** Words a zh-CN message may carry in Latin letters: the kept terms, the API's values and formats. */
export const LATIN_IN_ZH: readonly string[] = [
  ...GLOSSARY.filter((t) => t.keep || !t.zh).map((t) => t.en),
  ...GLOSSARY.flatMap((t) => (t.zh ? [...t.zh.matchAll(/[A-Za-z][A-Za-z-]*/g)].map((m) => m[0]) : [])),
  'Ordinal',
  'Kubernetes',
  'Tab',
  'Enter',
  'Esc',
  'PVC',
  'PV',
  'Terminating',
  'Failed',
  'Running',
  'Warning',
  'Normal',
  'forbidden',
  'clusterIP',
  'None',
  'RollingUpdate',
  'replicas',
  'subdomain',
  'last-applied',
  'apply',
  'chart',
  'generation',
  'list',
  'watch',
  'view',
  'requests',
  'limits',
  'readiness',
  'liveness',
  'startup',
  'running',
  'waiting',
  'terminated',
  'digest',
  'init',
  'QoS',
  'IP',
  'CSV',
  'JSON',
  'Lines',
  'PNG',
  'SVG',
  'npm',
  'run',
  'audit',
  'verify',
  'canvas',
  'projected',
  'Retain',
];
