import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import {
  PreloadAllModules,
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withPreloading,
} from '@angular/router';
import { authInterceptor, ConnectionService } from '@derm/portal/core';
import { UrgentAlertTitle } from '@derm/portal/notifications';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideZonelessChangeDetection(),
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withInterceptors([authInterceptor])),
    // Every page's code is fetched once the first page is shown, so that a dropped network does not
    // stop the next page opening: signing out, on a shared computer, above all.
    provideRouter(appRoutes, withComponentInputBinding(), withPreloading(PreloadAllModules)),
    // Page titles carry the urgent alerts awaiting an acknowledgement, for a tab in the background.
    { provide: TitleStrategy, useExisting: UrgentAlertTitle },
    // Started with the app: the connection follows the session from the first moment.
    provideAppInitializer(() => void inject(ConnectionService)),
  ],
};
