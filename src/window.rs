//! An ordered window: results that arrive in any order (from threads, or from worker
//! processes) are handed on in input order, while at most a bounded number are held.
//! [`Reorder`] is the single-threaded part (take results, give the next in order);
//! [`Window`] shares one between producer threads, which wait before starting work too far
//! ahead of the consumer.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex};

/// Results by index, handed on in index order from `next`; an index is *admitted* while it
/// is less than `next + capacity`.
#[derive(Debug)]
pub struct Reorder<T> {
    next: usize,
    capacity: usize,
    held: BTreeMap<usize, T>,
}

impl<T> Reorder<T> {
    /// A window whose first index is `first`, admitting `capacity` indices (at least one).
    pub fn new(first: usize, capacity: usize) -> Self {
        Reorder {
            next: first,
            capacity: capacity.max(1),
            held: BTreeMap::new(),
        }
    }

    /// The index handed on next.
    pub fn next(&self) -> usize {
        self.next
    }

    /// Whether work on `index` may start (it is within the window).
    pub fn admits(&self, index: usize) -> bool {
        index < self.next.saturating_add(self.capacity)
    }

    /// How many results are held, waiting for an earlier one.
    pub fn held(&self) -> usize {
        self.held.len()
    }

    /// Take the result of `index` (an index already handed on, or given twice, is ignored).
    pub fn insert(&mut self, index: usize, item: T) {
        if index >= self.next {
            self.held.entry(index).or_insert(item);
        }
    }

    /// The next result in order, if it is there; the window moves on by one.
    pub fn pop(&mut self) -> Option<(usize, T)> {
        let item = self.held.remove(&self.next)?;
        let index = self.next;
        self.next += 1;
        Some((index, item))
    }
}

/// A [`Reorder`] shared by producer threads and one consumer.
#[derive(Debug)]
pub struct Window<T> {
    state: Mutex<(Reorder<T>, bool)>,
    changed: Condvar,
}

impl<T> Window<T> {
    pub fn new(first: usize, capacity: usize) -> Self {
        Window {
            state: Mutex::new((Reorder::new(first, capacity), false)),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (Reorder<T>, bool)> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Block until work on `index` may start; `false` once the window is closed (stop).
    pub fn admit(&self, index: usize) -> bool {
        let mut state = self.lock();
        while !state.1 && !state.0.admits(index) {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !state.1
    }

    /// Hand in the result of `index`.
    pub fn put(&self, index: usize, item: T) {
        self.lock().0.insert(index, item);
        self.changed.notify_all();
    }

    /// Block until the next result in order is there and give it; `None` once closed.
    pub fn take(&self) -> Option<(usize, T)> {
        let mut state = self.lock();
        loop {
            if state.1 {
                return None;
            }
            if let Some(next) = state.0.pop() {
                drop(state);
                self.changed.notify_all();
                return Some(next);
            }
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Stop: producers waiting to start are released (and told to stop), the consumer gets
    /// `None`.
    pub fn close(&self) {
        self.lock().1 = true;
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_out_in_order_whatever_order_they_arrive_in() {
        let mut window = Reorder::new(10, 4);
        let mut out = Vec::new();
        for index in [12, 11, 13, 10] {
            window.insert(index, index * 2);
            while let Some(item) = window.pop() {
                out.push(item);
            }
        }
        assert_eq!(out, vec![(10, 20), (11, 22), (12, 24), (13, 26)]);
        assert_eq!(window.next(), 14);
        assert_eq!(window.held(), 0);
    }

    #[test]
    fn the_window_admits_only_capacity_indices_ahead() {
        let mut window = Reorder::new(0, 3);
        assert!(window.admits(2));
        assert!(!window.admits(3));
        window.insert(1, 'b');
        assert_eq!(window.pop(), None);
        assert_eq!(window.held(), 1);
        window.insert(0, 'a');
        assert_eq!(window.pop(), Some((0, 'a')));
        assert!(window.admits(3));
        assert!(!window.admits(4));
        assert_eq!(window.pop(), Some((1, 'b')));
        // Late or repeated results are ignored.
        window.insert(0, 'x');
        window.insert(2, 'c');
        window.insert(2, 'y');
        assert_eq!(window.pop(), Some((2, 'c')));
        assert!(Reorder::<()>::new(0, 0).admits(0));
    }

    #[test]
    fn threads_never_run_further_ahead_than_the_window() {
        let window = Window::new(0, 3);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let most_ahead = std::sync::atomic::AtomicUsize::new(0);
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let out: Vec<usize> = std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    loop {
                        let index = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        if index >= 50 || !window.admit(index) {
                            break;
                        }
                        let ahead = index - taken.load(std::sync::atomic::Ordering::SeqCst);
                        most_ahead.fetch_max(ahead, std::sync::atomic::Ordering::SeqCst);
                        window.put(index, index);
                    }
                });
            }
            (0..50)
                .map(|_| {
                    let (index, item) = window.take().expect("open");
                    taken.store(index + 1, std::sync::atomic::Ordering::SeqCst);
                    item
                })
                .collect()
        });
        assert_eq!(out, (0..50).collect::<Vec<_>>());
        assert!(most_ahead.into_inner() <= 3);
    }

    #[test]
    fn closing_releases_waiting_producers_and_the_consumer() {
        let window: Window<u8> = Window::new(0, 1);
        std::thread::scope(|scope| {
            let producer = scope.spawn(|| window.admit(5));
            let consumer = scope.spawn(|| window.take());
            std::thread::sleep(std::time::Duration::from_millis(20));
            window.close();
            assert!(!producer.join().unwrap());
            assert_eq!(consumer.join().unwrap(), None);
        });
    }
}
