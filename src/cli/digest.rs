//! `claimwatch digest`: `--print` renders a digest to stdout (no token needed; nothing is
//! recorded), as Telegram HTML or with `--plain` as terminal text; `--send-now` enqueues the
//! current digest for every active subscriber and delivers it; `--deliver` only drains the
//! outbox (resume after a crash or a stop). Sending is in [`super::digest_send`].

use super::{CliError, DigestArgs};
use crate::config::{Config, parse_duration};
use crate::digest::{self};
use crate::model::{ChatKind, Lang, Subscriber};
use anyhow::anyhow;
use chrono::{DateTime, Duration, Utc};

pub async fn run(config: &Config, args: DigestArgs) -> Result<(), CliError> {
    if args.print {
        print(config, &args).await
    } else if args.send_now || args.deliver {
        super::digest_send::send(config, &args).await
    } else {
        Err(CliError::Usage(
            "choose one of --print, --send-now or --deliver (see `claimwatch digest --help`)"
                .into(),
        ))
    }
}

/// A reader with the configuration's defaults, for `--print` without `--chat`.
fn default_reader(config: &Config, since: Duration, lang: Lang, now: DateTime<Utc>) -> Subscriber {
    Subscriber {
        id: 0,
        chat_id: 0,
        kind: ChatKind::Private,
        title: None,
        active: true,
        subscribed: true,
        inactive_reason: None,
        topics: config.digest.topic_set(),
        digest_time: config.digest.time_of_day(),
        timezone: config.digest.timezone.name().to_owned(),
        ui_lang: lang,
        keywords: Vec::new(),
        chart_weekday: None,
        last_digest_at: Some(now - since),
        next_digest_at: None,
        created_at: now,
    }
}

async fn print(config: &Config, args: &DigestArgs) -> Result<(), CliError> {
    let store = super::open_store(config).await?;
    let now = Utc::now();
    let sub = match args.chat {
        Some(chat) => store
            .subscriber(chat)
            .await?
            .ok_or_else(|| CliError::Usage(format!("no subscriber with chat id {chat}")))?,
        None => {
            let since = match &args.since {
                Some(s) => parse_duration(s)
                    .map_err(|e| CliError::Usage(format!("--since: {e}")))
                    .and_then(|d| {
                        Duration::from_std(d)
                            .map_err(|_| CliError::Usage("--since is too long".into()))
                    })?,
                None => digest::DEFAULT_LOOKBACK,
            };
            let lang = match &args.lang {
                Some(l) => l
                    .parse()
                    .map_err(|e| CliError::Usage(format!("--lang: {e}")))?,
                None => Lang::En,
            };
            default_reader(config, since, lang, now)
        }
    };
    let composed = digest::compose(store.as_ref(), config, &sub, now)
        .await
        .map_err(|e| CliError::Other(anyhow!(e)))?;
    store.close().await;
    if composed.parts.is_empty() {
        eprintln!("nothing new, and digest.quiet_day = \"skip\": no message would be sent");
    }
    let n = composed.parts.len();
    for (i, part) in composed.parts.iter().enumerate() {
        if n > 1 {
            println!("──── message {} of {n} ────", i + 1);
        }
        if args.plain {
            println!("{}", crate::entry::plain::to_plain(part));
        } else {
            println!("{part}");
        }
    }
    Ok(())
}
