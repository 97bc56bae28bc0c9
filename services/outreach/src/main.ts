import { runService } from '@cnscd/service-kit';
import { loadConfig } from './config';
import { outreachInfrastructure } from './infrastructure/outreach-infrastructure';
import { outreachOpenApi } from './openapi';
import { OutreachModule } from './outreach.module';

runService(() => {
  const config = loadConfig();
  return {
    config,
    infrastructure: outreachInfrastructure(config),
    feature: OutreachModule,
    openApi: outreachOpenApi,
  };
});
