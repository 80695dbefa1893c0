//! Subscribers: reactivation keeping settings, who is due, a migrated group keeping its settings.

use crate::support::{db::TestDb, t0};
use chrono::{Duration, NaiveTime};
use claimwatch::model::{Category, ChatKind, Lang, NewSubscriber, Topics};
use claimwatch::store::SubscriberUpdate;

pub fn new_sub(chat_id: i64) -> NewSubscriber {
    NewSubscriber {
        chat_id,
        kind: if chat_id < 0 {
            ChatKind::Group
        } else {
            ChatKind::Private
        },
        title: None,
        topics: Topics::ALL,
        digest_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
        timezone: "Europe/Kyiv".into(),
        ui_lang: Lang::En,
    }
}

#[tokio::test]
async fn upsert_creates_then_reactivates_keeping_settings() {
    let db = TestDb::new().await;
    let s = &db.store;
    let (sub, created) = s.upsert_subscriber(&new_sub(42), t0()).await.unwrap();
    assert!(created && sub.active && sub.subscribed);
    assert_eq!(sub.keywords, Vec::<String>::new());
    let update = SubscriberUpdate {
        subscribed: Some(false),
        topics: Some(Topics::ALL.with(Category::Losses, false)),
        digest_time: Some(NaiveTime::from_hms_opt(7, 30, 0).unwrap()),
        timezone: Some("America/New_York".into()),
        ui_lang: Some(Lang::Uk),
        keywords: Some(vec!["псков".into(), "72-га ОМБр".into()]),
        next_digest_at: Some(Some(t0() + Duration::hours(3))),
        chart_weekday: Some(Some(chrono::Weekday::Fri)),
    };
    let updated = s
        .update_subscriber(42, &update, t0())
        .await
        .unwrap()
        .unwrap();
    assert!(!updated.subscribed);
    assert!(!updated.topics.losses && updated.topics.refusal);
    assert_eq!(
        updated.digest_time,
        NaiveTime::from_hms_opt(7, 30, 0).unwrap()
    );
    assert_eq!(updated.timezone, "America/New_York");
    assert_eq!(updated.ui_lang, Lang::Uk);
    assert_eq!(
        updated.keywords,
        vec!["псков".to_string(), "72-га ОМБр".to_string()]
    );
    assert_eq!(updated.next_digest_at, Some(t0() + Duration::hours(3)));

    assert!(
        s.set_subscriber_active(42, false, Some("blocked"), t0())
            .await
            .unwrap()
    );
    let blocked = s.subscriber(42).await.unwrap().unwrap();
    assert!(!blocked.active);
    assert_eq!(blocked.inactive_reason.as_deref(), Some("blocked"));
    let (back, created) = s.upsert_subscriber(&new_sub(42), t0()).await.unwrap();
    assert!(!created && back.active);
    assert_eq!(
        back.timezone, "America/New_York",
        "settings survive blocking"
    );
    let cleared = s
        .update_subscriber(
            42,
            &SubscriberUpdate {
                next_digest_at: Some(None),
                ..Default::default()
            },
            t0(),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cleared.next_digest_at, None);
    assert!(
        s.update_subscriber(999, &SubscriberUpdate::default(), t0())
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn due_subscribers_are_active_subscribed_and_due() {
    let db = TestDb::new().await;
    let s = &db.store;
    for chat in 1..=4 {
        s.upsert_subscriber(&new_sub(chat), t0()).await.unwrap();
        let at = t0() + Duration::minutes(chat * 10);
        s.update_subscriber(
            chat,
            &SubscriberUpdate {
                next_digest_at: Some(Some(at)),
                ..Default::default()
            },
            t0(),
        )
        .await
        .unwrap();
    }
    s.set_subscriber_active(2, false, Some("blocked"), t0())
        .await
        .unwrap();
    s.update_subscriber(
        3,
        &SubscriberUpdate {
            subscribed: Some(false),
            ..Default::default()
        },
        t0(),
    )
    .await
    .unwrap();
    let due = s
        .due_subscribers(t0() + Duration::minutes(35), 10)
        .await
        .unwrap();
    assert_eq!(due.iter().map(|d| d.chat_id).collect::<Vec<_>>(), vec![1]);
    let due = s
        .due_subscribers(t0() + Duration::minutes(45), 10)
        .await
        .unwrap();
    assert_eq!(
        due.iter().map(|d| d.chat_id).collect::<Vec<_>>(),
        vec![1, 4]
    );
    assert_eq!(s.list_subscribers(true).await.unwrap().len(), 2);
    assert_eq!(s.list_subscribers(false).await.unwrap().len(), 4);
}

#[tokio::test]
async fn a_migrated_group_keeps_its_settings_under_the_new_id() {
    let db = TestDb::new().await;
    let s = &db.store;
    let (old, _) = s.upsert_subscriber(&new_sub(-100), t0()).await.unwrap();
    s.update_subscriber(
        -100,
        &SubscriberUpdate {
            timezone: Some("Europe/Warsaw".into()),
            ..Default::default()
        },
        t0(),
    )
    .await
    .unwrap();
    assert!(
        s.migrate_chat(-100, -1_000_000_000_100, t0())
            .await
            .unwrap()
    );
    assert!(s.subscriber(-100).await.unwrap().is_none());
    let moved = s.subscriber(-1_000_000_000_100).await.unwrap().unwrap();
    assert_eq!(moved.id, old.id);
    assert_eq!(moved.timezone, "Europe/Warsaw");
    assert_eq!(moved.kind, ChatKind::Supergroup);
    // Migrating onto an existing subscriber deactivates the old one instead.
    s.upsert_subscriber(&new_sub(-200), t0()).await.unwrap();
    assert!(
        !s.migrate_chat(-200, -1_000_000_000_100, t0())
            .await
            .unwrap()
    );
    assert!(!s.subscriber(-200).await.unwrap().unwrap().active);
}
