import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/env.ts';
import { selectTransports, type NotificationsEnv } from './notification-transports.config.ts';

const buildEnv = (overrides: Partial<NotificationsEnv> = {}): NotificationsEnv => ({ NODE_ENV: 'development', MAIL_FROM: 'no-reply@example.vn', ...overrides });

describe('transport selection', () => {
  it('uses the development mailbox for an unset transport outside production', () => {
    const t = selectTransports(buildEnv());
    expect(t.email.name).toBe('mailbox');
    expect(t.sms.name).toBe('mailbox');
    const mixed = selectTransports(buildEnv({ NODE_ENV: 'test', SMTP_URL: 'smtp://127.0.0.1:2525' }));
    expect([mixed.email.name, mixed.sms.name]).toEqual(['smtp', 'mailbox']);
  });

  it('refuses to start a production worker without a transport, naming each missing variable', () => {
    expect(() => selectTransports(buildEnv({ NODE_ENV: 'production' }))).toThrow(ConfigError);
    expect(() => selectTransports(buildEnv({ NODE_ENV: 'production' }))).toThrow(/SMTP_URL[\s\S]*SMS_GATEWAY_URL/);
    expect(() => selectTransports(buildEnv({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail:587' }))).toThrow(/^(?![\s\S]*SMTP_URL)[\s\S]*SMS_GATEWAY_URL/);
    const t = selectTransports(buildEnv({ NODE_ENV: 'production', SMTP_URL: 'smtps://u:p@mail:465', SMS_GATEWAY_URL: 'https://sms.example.vn/send', SMS_GATEWAY_TOKEN: 't' }));
    expect([t.email.name, t.sms.name]).toEqual(['smtp', 'sms-gateway']);
  });
});
