/** Nest injection tokens for values that are not classes. */
export const CONTROL_PLANE_CONFIG = Symbol('ControlPlaneConfig');
export const LOGGER = Symbol('Logger');
