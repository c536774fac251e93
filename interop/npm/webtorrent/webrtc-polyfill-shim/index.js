// The names webrtc-polyfill exports, taken from @roamhq/wrtc (a CommonJS module).
import wrtc from '@roamhq/wrtc'

export const RTCPeerConnection = wrtc.RTCPeerConnection
export const RTCSessionDescription = wrtc.RTCSessionDescription
export const RTCIceCandidate = wrtc.RTCIceCandidate
export const RTCDataChannel = wrtc.RTCDataChannel
export const MediaStream = wrtc.MediaStream
export const MediaStreamTrack = wrtc.MediaStreamTrack
export default wrtc
