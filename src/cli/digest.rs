//! `claimwatch digest`: `--print` renders a digest to stdout (no token needed; nothing is
//! recorded), as Telegram HTML or with `--plain` as terminal text; `--send-now` enqueues the current digest for every active subscriber and
//! delivers it; `--deliver` only drains the outbox (resume after a crash or a stop).

use super::{CliError, DigestArgs};
use crate::clock::SystemClock;
use crate::config::{Config, InDoubt, parse_duration};
use crate::delivery::{self, DeliveryCtx, bot::bot_from_env};
use crate::digest::{self, manual};
use crate::model::{ChatKind, Lang, Subscriber};
use crate::shutdown::Shutdown;
use crate::store::Store;
use anyhow::anyhow;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

pub async fn run(config: &Config, args: DigestArgs) -> Result<(), CliError> {
    if args.print {
        print(config, &args).await
    } else if args.send_now || args.deliver {
        send(config, &args).await
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
        timezone: config.digest.timezone.clone(),
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

async fn send(config: &Config, args: &DigestArgs) -> Result<(), CliError> {
    let bot = bot_from_env().map_err(|e| CliError::Usage(e.to_string()))?;
    let store = super::open_store(config).await?;
    let now = Utc::now();
    let ctx = DeliveryCtx::new(
        store.clone(),
        bot,
        config.delivery.clone(),
        Arc::new(SystemClock),
    );
    let found = delivery::recover(&ctx, now, true)
        .await
        .map_err(|e| CliError::Other(anyhow!(e)))?;
    if found.in_doubt > 0 {
        let what = match config.delivery.in_doubt {
            InDoubt::Resend => "in doubt: sent again, marked as resent",
            InDoubt::Skip => "marked in_doubt, not resent (delivery.in_doubt = \"skip\")",
        };
        println!(
            "{} message(s) were in flight when the last run stopped: {what}",
            found.in_doubt
        );
    }
    if args.send_now {
        let period = manual::manual_period(args.period.as_deref(), now);
        let r = manual::enqueue_now(store.as_ref(), config, &period, now)
            .await
            .map_err(|e| CliError::Other(anyhow!(e)))?;
        println!(
            "{period}: enqueued {} digest(s), {} message(s); {} already enqueued; {} quiet and skipped",
            r.enqueued, r.messages, r.already_enqueued, r.skipped_quiet
        );
    }
    let shutdown = Shutdown::new();
    shutdown.listen_for_signals();
    let result = delivery::drain_outbox(&ctx, &shutdown).await;
    let summary = summarize(store.as_ref(), now).await;
    store.close().await;
    let r = result.map_err(|e| CliError::Other(anyhow!(e)))?;
    println!(
        "sent {} message(s), {} of them resent after a crash (marked); {} failed; {} chat(s) made inactive; {} migrated; {} 429 wait(s); {}",
        r.sent, r.resent, r.failed, r.deactivated, r.migrated, r.rate_limited, summary
    );
    if shutdown.is_triggered() {
        println!("stopped by a signal: `claimwatch digest --deliver` finishes the delivery");
    }
    Ok(())
}

async fn summarize(store: &dyn Store, now: DateTime<Utc>) -> String {
    match store.stats(now - Duration::days(1)).await {
        Ok(s) => format!(
            "outbox: {} pending, {} in doubt, {} resent after a crash in the last day",
            s.pending, s.in_doubt, s.resent_since
        ),
        Err(e) => format!("outbox counts unavailable: {e}"),
    }
}
