import { resourceByName, type ResourceType } from '../model/resources';

/** Named handles on the resource table for code that works with specific kinds. */
export const resources = {
  namespaces: resourceByName('namespaces'),
  nodes: resourceByName('nodes'),
  pods: resourceByName('pods'),
  services: resourceByName('services'),
  endpoints: resourceByName('endpoints'),
  configmaps: resourceByName('configmaps'),
  secrets: resourceByName('secrets'),
  persistentvolumeclaims: resourceByName('persistentvolumeclaims'),
  persistentvolumes: resourceByName('persistentvolumes'),
  events: resourceByName('events'),
  statefulsets: resourceByName('statefulsets'),
  controllerrevisions: resourceByName('controllerrevisions'),
  endpointslices: resourceByName('endpointslices'),
  storageclasses: resourceByName('storageclasses'),
  serviceaccounts: resourceByName('serviceaccounts'),
  clusterroles: resourceByName('clusterroles'),
  clusterrolebindings: resourceByName('clusterrolebindings'),
  roles: resourceByName('roles'),
  rolebindings: resourceByName('rolebindings'),
} satisfies Record<string, ResourceType>;
