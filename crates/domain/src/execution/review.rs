//! A result on its way up the review chain (MEK-05, KIN-04): submitted, passed up or
//! returned with notes, accepted by the head of the Unit Organisasi.
