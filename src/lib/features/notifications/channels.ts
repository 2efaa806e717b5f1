// Where notifications go besides the in-app centre. Every channel has the same shape, so
// SMS or WeChat is one more implementation and one more entry in `CHANNEL_IDS`.
import type { Transporter } from 'nodemailer';
import { m } from '$lib/paraglide/messages';

export const CHANNEL_IDS = ['in_app', 'email'] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];
/** Channels a user switches on and gives an address for (in-app is always on). */
export const OPTIONAL_CHANNELS = ['email'] as const satisfies readonly ChannelId[];
export type OptionalChannelId = (typeof OPTIONAL_CHANNELS)[number];

export interface OutgoingMessage {
	/** The address on this channel (an email address, later a phone number or an openid). */
	to: string;
	locale: 'zh' | 'en';
	text: string;
	/** Absolute link to the thing, or null. */
	url: string | null;
}

export interface Channel {
	id: OptionalChannelId;
	send(message: OutgoingMessage): Promise<void>;
}

export interface EmailOptions {
	/** An SMTP URL such as smtp://user:pass@host:587 or smtps://host:465. */
	smtpUrl: string;
	from?: string;
}

export async function emailChannel(options: EmailOptions): Promise<Channel & { close(): void }> {
	const { createTransport } = await import('nodemailer');
	const transport: Transporter = createTransport(options.smtpUrl);
	const from = options.from ?? 'Silverbridge <no-reply@silverbridge.local>';
	return {
		id: 'email',
		async send(message) {
			const o = { locale: message.locale };
			await transport.sendMail({
				from,
				to: message.to,
				subject: m.notifications_email_subject({ text: message.text }, o),
				text: message.url ? `${message.text}\n\n${m.notifications_email_footer({ url: message.url }, o)}` : message.text
			});
		},
		close: () => transport.close()
	};
}

/** The channels this process can send on, from its environment (SMTP_URL, MAIL_FROM). */
export async function channelsFromEnv(env: Record<string, string | undefined> = process.env): Promise<Channel[]> {
	const channels: Channel[] = [];
	if (env.SMTP_URL) channels.push(await emailChannel({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM }));
	return channels;
}
