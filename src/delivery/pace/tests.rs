use super::*;
use chrono::TimeZone;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap()
}

fn ms(n: i64) -> Duration {
    Duration::milliseconds(n)
}

fn pacer(global: u32, chat: u32, group: u32) -> Pacer {
    Pacer::new(PaceLimits {
        global_per_second: global,
        per_chat_per_second: chat,
        per_group_per_minute: group,
    })
}

fn send(p: &mut Pacer, chat: i64, group: bool, at: DateTime<Utc>, done: DateTime<Utc>) {
    let t = p.acquire(chat, group, at).expect("slot");
    p.complete(t, done);
}

#[test]
fn sends_are_spread_evenly_after_a_short_burst() {
    // 8 a second: one every 125 ms, and at most 2 ahead of that schedule.
    let mut p = pacer(8, 1, 20);
    for chat in 1..=3 {
        send(&mut p, chat, false, t0(), t0());
    }
    assert_eq!(p.acquire(4, false, t0()), Err(Wait::Global(t0() + ms(125))));
    assert_eq!(p.global_ready(t0() + ms(124)), Err(t0() + ms(125)));
    send(&mut p, 4, false, t0() + ms(125), t0() + ms(125));
    assert_eq!(p.global_ready(t0() + ms(125)), Err(t0() + ms(250)));
}

#[test]
fn the_window_caps_any_second_even_on_schedule() {
    // 4 a second: the even schedule would allow a fifth at 750 ms; the window does not.
    let mut p = pacer(4, 1, 20);
    send(&mut p, 1, false, t0(), t0());
    send(&mut p, 2, false, t0(), t0());
    send(&mut p, 3, false, t0() + ms(250), t0() + ms(250));
    send(&mut p, 4, false, t0() + ms(500), t0() + ms(500));
    assert_eq!(
        p.acquire(5, false, t0() + ms(750)),
        Err(Wait::Global(t0() + ms(1000)))
    );
    assert!(p.acquire(5, false, t0() + ms(1000)).is_ok());
}

#[test]
fn at_a_thousand_a_second_the_rate_holds_over_time() {
    let mut p = pacer(1000, 1, 20);
    let mut now = t0();
    let mut sent = 0;
    let mut chat = 0;
    while now < t0() + Duration::seconds(10) {
        match p.acquire(chat, false, now) {
            Ok(t) => {
                p.complete(t, now + ms(1));
                sent += 1;
                chat += 1;
            }
            Err(Wait::Global(at)) => now = at.max(now + Duration::microseconds(100)),
            Err(Wait::Chat(_)) => unreachable!("every chat is new"),
        }
    }
    assert!((9_800..=10_000).contains(&sent), "{sent} in 10 s");
}

#[test]
fn a_slot_frees_a_window_after_the_send_completed_not_started() {
    let mut p = pacer(1, 1, 20);
    send(&mut p, 1, false, t0(), t0() + ms(250));
    assert_eq!(
        p.acquire(2, false, t0() + ms(1000)),
        Err(Wait::Global(t0() + ms(1250)))
    );
    assert!(p.acquire(2, false, t0() + ms(1250)).is_ok());
}

#[test]
fn a_send_in_flight_holds_its_slot() {
    let mut p = pacer(1, 1, 20);
    let _in_flight = p.acquire(1, false, t0()).unwrap();
    let later = t0() + Duration::seconds(30);
    match p.acquire(2, false, later) {
        Err(Wait::Global(t)) => assert!(t > later),
        other => panic!("{other:?}"),
    }
}

#[test]
fn one_message_per_second_to_one_chat() {
    let mut p = pacer(30, 1, 20);
    send(&mut p, 7, false, t0(), t0());
    assert_eq!(
        p.acquire(7, false, t0() + ms(400)),
        Err(Wait::Chat(t0() + ms(1000)))
    );
    assert!(
        p.acquire(8, false, t0() + ms(400)).is_ok(),
        "other chats go on"
    );
    assert!(p.acquire(7, false, t0() + ms(1000)).is_ok());
}

#[test]
fn twenty_messages_a_minute_to_one_group() {
    let mut p = pacer(30, 1, 20);
    let g = -100;
    for i in 0..20 {
        let at = t0() + Duration::seconds(i);
        send(&mut p, g, true, at, at);
    }
    let at = t0() + Duration::seconds(20);
    assert_eq!(
        p.acquire(g, true, at),
        Err(Wait::Chat(t0() + Duration::seconds(60)))
    );
    assert!(p.acquire(-101, true, at).is_ok());
    assert!(p.acquire(g, true, t0() + Duration::seconds(60)).is_ok());
}

#[test]
fn a_429_pauses_its_chat_and_three_chats_pause_everyone() {
    let mut p = pacer(30, 1, 20);
    p.on_retry_after(1, Duration::seconds(5), t0());
    assert_eq!(
        p.acquire(1, false, t0() + ms(4000)),
        Err(Wait::Chat(t0() + ms(5000)))
    );
    assert!(
        p.acquire(2, false, t0()).is_ok(),
        "one chat's 429 stops only that chat"
    );
    p.on_retry_after(3, Duration::seconds(7), t0() + ms(100));
    p.on_retry_after(4, Duration::seconds(2), t0() + ms(200));
    assert_eq!(
        p.acquire(5, false, t0() + ms(300)),
        Err(Wait::Global(t0() + ms(7100)))
    );
    assert!(p.acquire(5, false, t0() + ms(7100)).is_ok());
}

#[test]
fn repeated_429s_from_one_chat_do_not_pause_everyone() {
    let mut p = pacer(30, 1, 20);
    for i in 0..5 {
        p.on_retry_after(1, Duration::seconds(1), t0() + ms(i * 10));
    }
    assert!(p.acquire(2, false, t0() + ms(60)).is_ok());
}

#[test]
fn idle_chats_are_forgotten() {
    let mut p = pacer(100_000, 1, 20);
    for chat in 0..5_000 {
        send(&mut p, chat, false, t0(), t0());
    }
    assert_eq!(p.tracked_chats(), 5_000);
    send(
        &mut p,
        1,
        false,
        t0() + Duration::minutes(2),
        t0() + Duration::minutes(2),
    );
    assert_eq!(p.tracked_chats(), 1);
}

#[test]
fn a_clock_that_jumps_back_does_not_block_for_long() {
    let mut p = pacer(1, 1, 20);
    send(&mut p, 1, false, t0(), t0());
    let earlier = t0() - Duration::hours(3);
    assert!(p.acquire(2, false, earlier).is_ok());
}

#[test]
fn zero_limits_behave_as_one() {
    let mut p = pacer(0, 0, 0);
    send(&mut p, 1, true, t0(), t0());
    assert!(p.acquire(2, false, t0()).is_err());
    assert!(p.acquire(2, false, t0() + ms(1000)).is_ok());
}
