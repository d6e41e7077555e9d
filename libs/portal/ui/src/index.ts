export * from './lib/connection/connection-state-view';
export * from './lib/connection/connection-badge.component';
export * from './lib/connection/connection-status.component';
export * from './lib/loading/loading-placeholder.component';
export * from './lib/list/show-more.component';
export * from './lib/confirm/confirm-action.component';
export * from './lib/focus/focus-on-show.directive';
export * from './lib/required/required-field.directive';
